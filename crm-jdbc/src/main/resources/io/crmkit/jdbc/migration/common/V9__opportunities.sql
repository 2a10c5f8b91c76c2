-- crmkit schema, version 9: the sales pipeline. ${prefix} is the table prefix, ${uuid}, ${text} and ${timestamp}
-- the database's column types and ${table_options} its table options (Migrations.java).
--
-- Opportunities. Pipelines are configuration: a row names its pipeline and stage by code and keeps the stage's
-- probability and forecast category from when it entered it, so that forecasts are summed here (GROUP BY) without
-- the pipelines. Amounts are decimals with their scale beside them (12.50 comes back as 12.50), as for purchases.
-- is_open is false in the won and lost stages.
CREATE TABLE ${prefix}opportunities (
    id               ${uuid} NOT NULL,
    customer_id      ${uuid} NOT NULL,
    name             VARCHAR(1000) NOT NULL,
    amount           DECIMAL(30,10) NOT NULL,
    amount_scale     INTEGER NOT NULL,
    currency         CHAR(3) NOT NULL,
    expected_close   DATE NOT NULL,
    pipeline_code    VARCHAR(40) NOT NULL,
    stage_code       VARCHAR(40) NOT NULL,
    probability      DECIMAL(5,4) NOT NULL,
    category         VARCHAR(20) NOT NULL,
    is_open          BOOLEAN NOT NULL,
    owner_id         VARCHAR(200) NOT NULL,
    department_id    VARCHAR(200),
    source_campaign  ${uuid},
    lost_reason      ${text},
    created_at       ${timestamp} NOT NULL,
    updated_at       ${timestamp} NOT NULL,
    last_activity_at ${timestamp} NOT NULL,
    version          BIGINT NOT NULL,
    CONSTRAINT ${prefix}opportunities_pk PRIMARY KEY (id)
)${table_options};
-- a customer's opportunities; an owner's by stage (the access scope's owner term, the pipeline board); a stage's
-- by expected close (search order, forecasts of a period); a department's (the scope's department term)
CREATE INDEX ${prefix}opportunities_customer_idx ON ${prefix}opportunities (customer_id, expected_close, id);
CREATE INDEX ${prefix}opportunities_owner_idx ON ${prefix}opportunities (owner_id, stage_code, expected_close, id);
CREATE INDEX ${prefix}opportunities_stage_idx ON ${prefix}opportunities (stage_code, expected_close, id);
CREATE INDEX ${prefix}opportunities_department_idx ON ${prefix}opportunities (department_id, expected_close, id);
CREATE INDEX ${prefix}opportunities_close_idx ON ${prefix}opportunities (expected_close, id);

-- Every stage an opportunity entered, in order (seq from 0: the stage it was created in), only ever added to.
CREATE TABLE ${prefix}opportunity_stage_changes (
    opportunity_id ${uuid} NOT NULL,
    seq            INTEGER NOT NULL,
    from_stage     VARCHAR(40),
    to_stage       VARCHAR(40) NOT NULL,
    actor_id       VARCHAR(200) NOT NULL,
    changed_at     ${timestamp} NOT NULL,
    probability    DECIMAL(5,4) NOT NULL,
    amount         DECIMAL(30,10) NOT NULL,
    amount_scale   INTEGER NOT NULL,
    currency       CHAR(3) NOT NULL,
    note           ${text},
    CONSTRAINT ${prefix}opportunity_stage_changes_pk PRIMARY KEY (opportunity_id, seq),
    CONSTRAINT ${prefix}opportunity_stage_changes_fk FOREIGN KEY (opportunity_id)
        REFERENCES ${prefix}opportunities (id) ON DELETE CASCADE
)${table_options};
