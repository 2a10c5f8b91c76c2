-- crmkit schema, version 18: notifications. ${prefix} is the table prefix, ${uuid}, ${text} and ${timestamp} the
-- database's column types and ${table_options} its table options (Migrations.java).
--
-- Notices to a user (recipient_type 'U') or to every member of a department ('D'). They never change. The inbox of a
-- user reads the user's rows and those of their departments, newest first: the index serves each of those ranges.
CREATE TABLE ${prefix}notices (
    id             ${uuid} NOT NULL,
    kind           VARCHAR(40) NOT NULL,
    recipient_type CHAR(1) NOT NULL,
    recipient_id   VARCHAR(200) NOT NULL,
    record_kind    VARCHAR(20) NOT NULL,
    record_id      ${uuid} NOT NULL,
    actor_id       VARCHAR(200) NOT NULL,
    raised_at      ${timestamp} NOT NULL,
    CONSTRAINT ${prefix}notices_pk PRIMARY KEY (id)
)${table_options};
CREATE INDEX ${prefix}notices_recipient_idx ON ${prefix}notices (recipient_type, recipient_id, raised_at, id);

-- Read state, per reader: a department notice is read by each member on their own.
CREATE TABLE ${prefix}notice_reads (
    notice_id ${uuid} NOT NULL,
    reader_id VARCHAR(200) NOT NULL,
    read_at   ${timestamp} NOT NULL,
    CONSTRAINT ${prefix}notice_reads_pk PRIMARY KEY (notice_id, reader_id),
    CONSTRAINT ${prefix}notice_reads_fk FOREIGN KEY (notice_id) REFERENCES ${prefix}notices (id) ON DELETE CASCADE
)${table_options};

-- Delivery preferences, one row per user: the addresses the host gave, and per notice kind the push channels
-- (push: 'KIND=CHANNEL,CHANNEL;KIND=CHANNEL', enum names only).
CREATE TABLE ${prefix}notice_preferences (
    user_id    VARCHAR(200) NOT NULL,
    email      VARCHAR(400),
    phone      VARCHAR(40),
    time_zone  VARCHAR(100),
    push       VARCHAR(1000) NOT NULL,
    CONSTRAINT ${prefix}notice_preferences_pk PRIMARY KEY (user_id)
)${table_options};

-- The push queue: email and SMS pushes of notices, claimed by senders as the messaging outbox is (the due index).
CREATE TABLE ${prefix}notice_pushes (
    id              ${uuid} NOT NULL,
    notice_id       ${uuid} NOT NULL,
    user_id         VARCHAR(200) NOT NULL,
    kind            VARCHAR(10) NOT NULL,
    recipient       VARCHAR(400) NOT NULL,
    subject         VARCHAR(1000) NOT NULL,
    body            ${text} NOT NULL,
    status          VARCHAR(10) NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at ${timestamp} NOT NULL,
    lease_until     ${timestamp},
    last_error      ${text},
    created_at      ${timestamp} NOT NULL,
    updated_at      ${timestamp} NOT NULL,
    version         BIGINT NOT NULL,
    CONSTRAINT ${prefix}notice_pushes_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}notice_pushes_fk FOREIGN KEY (notice_id) REFERENCES ${prefix}notices (id) ON DELETE CASCADE
)${table_options};
CREATE INDEX ${prefix}notice_pushes_due_idx ON ${prefix}notice_pushes (status, next_attempt_at, id);
CREATE INDEX ${prefix}notice_pushes_notice_idx ON ${prefix}notice_pushes (notice_id, id);
