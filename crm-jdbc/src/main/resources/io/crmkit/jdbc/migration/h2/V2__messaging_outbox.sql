-- crmkit schema, version 2: delivery state of messages on the timeline, and the outbox.

ALTER TABLE ${prefix}interactions ADD delivery_status VARCHAR(20);
ALTER TABLE ${prefix}interactions ADD provider_message_id VARCHAR(400);

CREATE TABLE ${prefix}outbox (
    id                  UUID NOT NULL,
    idempotency_key     VARCHAR(400) NOT NULL,
    recipient           VARCHAR(1000) NOT NULL,
    kind                VARCHAR(10) NOT NULL,
    subject             CHARACTER VARYING(1000000),
    body                CHARACTER VARYING(1000000),
    html                CHARACTER VARYING(1000000),
    reply_to            VARCHAR(1000),
    audio_url           CHARACTER VARYING(1000000),
    status_callback_url CHARACTER VARYING(1000000),
    customer_id         UUID NOT NULL,
    interaction_id      UUID NOT NULL,
    status              VARCHAR(20) NOT NULL,
    attempts            INT NOT NULL,
    next_attempt_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    lease_until         TIMESTAMP(6) WITH TIME ZONE,
    last_error          CHARACTER VARYING(1000000),
    provider_message_id VARCHAR(400),
    created_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version             BIGINT NOT NULL,
    CONSTRAINT ${prefix}outbox_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}outbox_idempotency_uq UNIQUE (idempotency_key),
    CONSTRAINT ${prefix}outbox_provider_uq UNIQUE (provider_message_id)
);
CREATE INDEX ${prefix}outbox_due_idx ON ${prefix}outbox (status, next_attempt_at, id);
CREATE INDEX ${prefix}outbox_status_idx ON ${prefix}outbox (status, id);

CREATE TABLE ${prefix}outbox_attachments (
    message_id   UUID NOT NULL,
    seq          INT NOT NULL,
    file_name    VARCHAR(400) NOT NULL,
    content_type VARCHAR(200) NOT NULL,
    content      BINARY LARGE OBJECT NOT NULL,
    CONSTRAINT ${prefix}outbox_attachments_pk PRIMARY KEY (message_id, seq),
    CONSTRAINT ${prefix}outbox_attachments_fk FOREIGN KEY (message_id) REFERENCES ${prefix}outbox (id) ON DELETE CASCADE
);
