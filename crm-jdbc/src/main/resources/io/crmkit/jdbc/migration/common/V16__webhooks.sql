-- crmkit schema, version 16: webhooks. ${prefix} is the table prefix, ${uuid}, ${text} and ${timestamp} the
-- database's column types and ${table_options} its table options (Migrations.java).
--
-- The host's endpoints. event_types: the types delivered, one per line (empty: every event). The secrets are kept
-- in the whsec_ text form: signing needs them.
CREATE TABLE ${prefix}webhook_endpoints (
    id                    ${uuid} NOT NULL,
    url                   VARCHAR(2000) NOT NULL,
    description           VARCHAR(2000),
    event_types           ${text} NOT NULL,
    secret                VARCHAR(200) NOT NULL,
    previous_secret       VARCHAR(200),
    previous_secret_until ${timestamp},
    status                VARCHAR(20) NOT NULL,
    disabled_reason       VARCHAR(2000),
    failing_since         ${timestamp},
    created_at            ${timestamp} NOT NULL,
    updated_at            ${timestamp} NOT NULL,
    version               BIGINT NOT NULL,
    CONSTRAINT ${prefix}webhook_endpoints_pk PRIMARY KEY (id)
)${table_options};

-- One event on its way to one endpoint, with the thin event itself (the event outbox purges relayed events).
-- replay: 1 for a delivery made by a replay, 0 for the event's fan-out.
CREATE TABLE ${prefix}webhook_deliveries (
    id               ${uuid} NOT NULL,
    endpoint_id      ${uuid} NOT NULL,
    event_id         ${uuid} NOT NULL,
    event_position   BIGINT NOT NULL,
    event_type       VARCHAR(100) NOT NULL,
    record_kind      VARCHAR(40) NOT NULL,
    record_id        ${uuid} NOT NULL,
    record_version   BIGINT,
    changed_fields   ${text} NOT NULL,
    occurred_at      ${timestamp} NOT NULL,
    actor            VARCHAR(100) NOT NULL,
    source           VARCHAR(20) NOT NULL,
    replay           INTEGER NOT NULL,
    status           VARCHAR(20) NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  ${timestamp} NOT NULL,
    lease_until      ${timestamp},
    last_status_code INTEGER,
    last_error       VARCHAR(2000),
    created_at       ${timestamp} NOT NULL,
    updated_at       ${timestamp} NOT NULL,
    version          BIGINT NOT NULL,
    CONSTRAINT ${prefix}webhook_deliveries_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}webhook_deliveries_endpoint_fk FOREIGN KEY (endpoint_id)
        REFERENCES ${prefix}webhook_endpoints (id)
)${table_options};
-- the dispatcher's claim: pending deliveries by due time
CREATE INDEX ${prefix}webhook_deliveries_due_idx ON ${prefix}webhook_deliveries (status, next_attempt_at);
-- an endpoint's deliveries (the log, a period's replay)
CREATE INDEX ${prefix}webhook_deliveries_endpoint_idx ON ${prefix}webhook_deliveries (endpoint_id, id);
-- an event's deliveries (the log, the fan-out's check for events handed twice, a replay)
CREATE INDEX ${prefix}webhook_deliveries_event_idx ON ${prefix}webhook_deliveries (event_id, id);

-- The delivery log: one row per attempt. duration_ms: how long the request took.
CREATE TABLE ${prefix}webhook_attempts (
    id          ${uuid} NOT NULL,
    delivery_id ${uuid} NOT NULL,
    endpoint_id ${uuid} NOT NULL,
    event_id    ${uuid} NOT NULL,
    attempt     INTEGER NOT NULL,
    attempted_at ${timestamp} NOT NULL,
    status_code INTEGER,
    duration_ms BIGINT NOT NULL,
    error       VARCHAR(2000),
    result      VARCHAR(20) NOT NULL,
    CONSTRAINT ${prefix}webhook_attempts_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}webhook_attempts_delivery_fk FOREIGN KEY (delivery_id)
        REFERENCES ${prefix}webhook_deliveries (id)
)${table_options};
CREATE INDEX ${prefix}webhook_attempts_endpoint_idx ON ${prefix}webhook_attempts (endpoint_id, id);
CREATE INDEX ${prefix}webhook_attempts_event_idx ON ${prefix}webhook_attempts (event_id, id);
