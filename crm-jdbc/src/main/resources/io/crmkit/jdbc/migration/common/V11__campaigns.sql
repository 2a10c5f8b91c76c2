-- crmkit schema, version 11: marketing campaigns. ${prefix} is the table prefix, ${uuid}, ${text} and ${timestamp}
-- the database's column types and ${table_options} its table options (Migrations.java).
--
-- Campaigns. The budget is a decimal with its scale beside it, as for opportunities; the template's parts are kept
-- as given (a template always has a text: without one there is no template).
CREATE TABLE ${prefix}campaigns (
    id               ${uuid} NOT NULL,
    name             VARCHAR(1000) NOT NULL,
    channel          VARCHAR(20) NOT NULL,
    start_date       DATE NOT NULL,
    end_date         DATE NOT NULL,
    budget           DECIMAL(30,10) NOT NULL,
    budget_scale     INTEGER NOT NULL,
    currency         CHAR(3) NOT NULL,
    status           VARCHAR(20) NOT NULL,
    owner_id         VARCHAR(200) NOT NULL,
    department_id    VARCHAR(200),
    template_subject ${text},
    template_text    ${text},
    template_html    ${text},
    created_at       ${timestamp} NOT NULL,
    updated_at       ${timestamp} NOT NULL,
    version          BIGINT NOT NULL,
    CONSTRAINT ${prefix}campaigns_pk PRIMARY KEY (id)
)${table_options};
-- search order (start date, id); an owner's by status (the scope's owner term); a department's; a status's
CREATE INDEX ${prefix}campaigns_start_idx ON ${prefix}campaigns (start_date, id);
CREATE INDEX ${prefix}campaigns_owner_idx ON ${prefix}campaigns (owner_id, status, start_date, id);
CREATE INDEX ${prefix}campaigns_department_idx ON ${prefix}campaigns (department_id, start_date, id);
CREATE INDEX ${prefix}campaigns_status_idx ON ${prefix}campaigns (status, start_date, id);

-- Every status change of a campaign, in order (seq from 0), only ever added to.
CREATE TABLE ${prefix}campaign_status_changes (
    campaign_id ${uuid} NOT NULL,
    seq         INTEGER NOT NULL,
    from_status VARCHAR(20) NOT NULL,
    to_status   VARCHAR(20) NOT NULL,
    actor_id    VARCHAR(200) NOT NULL,
    changed_at  ${timestamp} NOT NULL,
    note        ${text},
    CONSTRAINT ${prefix}campaign_status_changes_pk PRIMARY KEY (campaign_id, seq),
    CONSTRAINT ${prefix}campaign_status_changes_fk FOREIGN KEY (campaign_id)
        REFERENCES ${prefix}campaigns (id) ON DELETE CASCADE
)${table_options};

-- The members of a campaign: one row per campaign and customer (the key makes adding twice a no-op), its status and
-- when it first reached each status (NULL: never), so that results are COUNTs over the columns.
CREATE TABLE ${prefix}campaign_members (
    campaign_id  ${uuid} NOT NULL,
    customer_id  ${uuid} NOT NULL,
    status       VARCHAR(20) NOT NULL,
    message_id   ${uuid},
    reason       VARCHAR(2000),
    targeted_at  ${timestamp} NOT NULL,
    sent_at      ${timestamp},
    delivered_at ${timestamp},
    failed_at    ${timestamp},
    responded_at ${timestamp},
    opted_out_at ${timestamp},
    converted_at ${timestamp},
    version      BIGINT NOT NULL,
    CONSTRAINT ${prefix}campaign_members_pk PRIMARY KEY (campaign_id, customer_id),
    CONSTRAINT ${prefix}campaign_members_fk FOREIGN KEY (campaign_id)
        REFERENCES ${prefix}campaigns (id) ON DELETE CASCADE
)${table_options};
-- a campaign's members in one status by customer (sending the targeted ones page by page); the member of a message
-- (delivery reports); a customer's sends (attribution, conversions)
CREATE INDEX ${prefix}campaign_members_status_idx ON ${prefix}campaign_members (campaign_id, status, customer_id);
CREATE INDEX ${prefix}campaign_members_message_idx ON ${prefix}campaign_members (message_id);
CREATE INDEX ${prefix}campaign_members_sent_idx ON ${prefix}campaign_members (customer_id, sent_at);
