-- crmkit schema, version 2: delivery state of messages on the timeline, and the outbox.

ALTER TABLE ${prefix}interactions ADD delivery_status VARCHAR(20);
ALTER TABLE ${prefix}interactions ADD provider_message_id VARCHAR(400);

CREATE TABLE ${prefix}outbox (
    id                  BINARY(16) NOT NULL,
    idempotency_key     VARCHAR(400) NOT NULL,
    recipient           VARCHAR(1000) NOT NULL,
    kind                VARCHAR(10) NOT NULL,
    subject             MEDIUMTEXT,
    body                MEDIUMTEXT,
    html                MEDIUMTEXT,
    reply_to            VARCHAR(1000),
    audio_url           MEDIUMTEXT,
    status_callback_url MEDIUMTEXT,
    customer_id         BINARY(16) NOT NULL,
    interaction_id      BINARY(16) NOT NULL,
    status              VARCHAR(20) NOT NULL,
    attempts            INT NOT NULL,
    next_attempt_at     DATETIME(6) NOT NULL,
    lease_until         DATETIME(6),
    last_error          MEDIUMTEXT,
    provider_message_id VARCHAR(400),
    created_at          DATETIME(6) NOT NULL,
    updated_at          DATETIME(6) NOT NULL,
    version             BIGINT NOT NULL,
    CONSTRAINT ${prefix}outbox_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}outbox_idempotency_uq UNIQUE (idempotency_key),
    CONSTRAINT ${prefix}outbox_provider_uq UNIQUE (provider_message_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}outbox_due_idx ON ${prefix}outbox (status, next_attempt_at, id);
CREATE INDEX ${prefix}outbox_status_idx ON ${prefix}outbox (status, id);

CREATE TABLE ${prefix}outbox_attachments (
    message_id   BINARY(16) NOT NULL,
    seq          INT NOT NULL,
    file_name    VARCHAR(400) NOT NULL,
    content_type VARCHAR(200) NOT NULL,
    content      LONGBLOB NOT NULL,
    CONSTRAINT ${prefix}outbox_attachments_pk PRIMARY KEY (message_id, seq),
    CONSTRAINT ${prefix}outbox_attachments_fk FOREIGN KEY (message_id) REFERENCES ${prefix}outbox (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
