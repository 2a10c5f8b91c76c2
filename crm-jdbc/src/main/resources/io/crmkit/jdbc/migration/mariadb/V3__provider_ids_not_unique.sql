-- crmkit schema, version 3: provider message ids need not be unique (two gateways may hand out the same
-- ones); a delivery report finds the newest message with its id.

ALTER TABLE ${prefix}outbox DROP INDEX ${prefix}outbox_provider_uq;
CREATE INDEX ${prefix}outbox_provider_idx ON ${prefix}outbox (provider_message_id, created_at, id);
