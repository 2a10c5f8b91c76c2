-- crmkit schema, version 17: communication policies. ${prefix} is the table prefix, ${uuid}, ${text} and ${timestamp}
-- the database's column types and ${table_options} its table options (Migrations.java).
--
-- Policies. The target segment is a customer query as text (SegmentText); the owner is a user, a department or both
-- (the scope's owner and department terms). The template's parts are kept as given.
CREATE TABLE ${prefix}policies (
    id               ${uuid} NOT NULL,
    name             VARCHAR(1000) NOT NULL,
    goal             ${text} NOT NULL,
    segment          ${text} NOT NULL,
    method           VARCHAR(20) NOT NULL,
    consent_channel  VARCHAR(20),
    cadence_trigger  VARCHAR(20) NOT NULL,
    cadence_days     INTEGER NOT NULL,
    survey_kind      VARCHAR(20),
    score_below      INTEGER,
    owner_id         VARCHAR(200),
    department_id    VARCHAR(200),
    active_from      DATE NOT NULL,
    active_to        DATE,
    template_subject ${text},
    template_text    ${text},
    template_html    ${text},
    response_days    INTEGER NOT NULL,
    created_at       ${timestamp} NOT NULL,
    updated_at       ${timestamp} NOT NULL,
    version          BIGINT NOT NULL,
    CONSTRAINT ${prefix}policies_pk PRIMARY KEY (id)
)${table_options};
CREATE INDEX ${prefix}policies_owner_idx ON ${prefix}policies (owner_id, id);
CREATE INDEX ${prefix}policies_department_idx ON ${prefix}policies (department_id, id);

-- One row per policy, customer and due date: the key makes a second run of the same date a no-op. kind TASK_CREATED,
-- MESSAGE_QUEUED, or REFUSED for a message messaging refused (on the timeline, not a contact). The customer index
-- serves the due statement's "not done today" probe; the time index effectiveness.
CREATE TABLE ${prefix}policy_contacts (
    policy_id      ${uuid} NOT NULL,
    customer_id    ${uuid} NOT NULL,
    due_date       DATE NOT NULL,
    kind           VARCHAR(20) NOT NULL,
    record_id      ${uuid} NOT NULL,
    interaction_id ${uuid} NOT NULL,
    contacted_at   ${timestamp} NOT NULL,
    respond_until  ${timestamp} NOT NULL,
    CONSTRAINT ${prefix}policy_contacts_pk PRIMARY KEY (policy_id, customer_id, due_date)
)${table_options};
CREATE INDEX ${prefix}policy_contacts_time_idx ON ${prefix}policy_contacts (policy_id, contacted_at);

-- Pause windows [starts_at, ends_at): customer_id NULL is a global pause.
CREATE TABLE ${prefix}policy_pauses (
    id          ${uuid} NOT NULL,
    customer_id ${uuid},
    starts_at   ${timestamp} NOT NULL,
    ends_at     ${timestamp} NOT NULL,
    reason      VARCHAR(2000) NOT NULL,
    CONSTRAINT ${prefix}policy_pauses_pk PRIMARY KEY (id)
)${table_options};
CREATE INDEX ${prefix}policy_pauses_customer_idx ON ${prefix}policy_pauses (customer_id, ends_at);

-- What the due statement probes per customer: its outbound contacts by channel and time (cadence, caps), its purchases,
-- low survey scores and closed cases by time (event cadences).
CREATE INDEX ${prefix}interactions_contacts_idx ON ${prefix}interactions (customer_id, direction, channel, occurred_at);
CREATE INDEX ${prefix}purchases_customer_time_idx ON ${prefix}purchases (customer_id, occurred_at);
CREATE INDEX ${prefix}survey_responses_customer_time_idx ON ${prefix}survey_responses (customer_id, responded_at);
