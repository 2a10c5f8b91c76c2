-- crmkit schema, version 14: the event outbox. ${prefix} is the table prefix, ${uuid}, ${text} and ${timestamp}
-- the database's column types and ${table_options} its table options (Migrations.java).
--
-- The position counter: one row. A unit of work that writes events moves it (UPDATE, which locks the row until the
-- commit right after), so positions are handed out in commit order and a rollback gives them back.
CREATE TABLE ${prefix}event_head (
    id            INTEGER NOT NULL,
    last_position BIGINT NOT NULL,
    CONSTRAINT ${prefix}event_head_pk PRIMARY KEY (id)
)${table_options};
INSERT INTO ${prefix}event_head (id, last_position) VALUES (1, 0);

-- The events, thin: ids, the record's version, the names of the changed fields (one per line), never values.
-- relay_partition is the record's partition (EventOutboxRepository.partitionOf); delivered_at is set by a relay.
CREATE TABLE ${prefix}events (
    position        BIGINT NOT NULL,
    id              ${uuid} NOT NULL,
    event_type      VARCHAR(100) NOT NULL,
    record_kind     VARCHAR(40) NOT NULL,
    record_id       ${uuid} NOT NULL,
    record_version  BIGINT,
    changed_fields  ${text} NOT NULL,
    occurred_at     ${timestamp} NOT NULL,
    actor           VARCHAR(100) NOT NULL,
    source          VARCHAR(20) NOT NULL,
    relay_partition INTEGER NOT NULL,
    delivered_at    ${timestamp},
    CONSTRAINT ${prefix}events_pk PRIMARY KEY (position)
)${table_options};
-- no index on id: no query looks an event up by it, and every write unit of work inserts here
-- a relay's batch: the undelivered events of one partition in position order
CREATE INDEX ${prefix}events_relay_idx ON ${prefix}events (relay_partition, delivered_at, position);
-- the purge of delivered events
CREATE INDEX ${prefix}events_delivered_idx ON ${prefix}events (delivered_at);

-- The relay partitions and their leases: a relay locks one row (FOR UPDATE SKIP LOCKED) to lease it. A free
-- partition's lease_until is in the past; the oldest is leased first, so partitions take turns.
CREATE TABLE ${prefix}event_partitions (
    relay_partition INTEGER NOT NULL,
    lease_owner     VARCHAR(200) NOT NULL,
    lease_until     ${timestamp} NOT NULL,
    CONSTRAINT ${prefix}event_partitions_pk PRIMARY KEY (relay_partition)
)${table_options};
INSERT INTO ${prefix}event_partitions (relay_partition, lease_owner, lease_until) VALUES
    (0, '', TIMESTAMP '2000-01-01 00:00:00'), (1, '', TIMESTAMP '2000-01-01 00:00:00'),
    (2, '', TIMESTAMP '2000-01-01 00:00:00'), (3, '', TIMESTAMP '2000-01-01 00:00:00'),
    (4, '', TIMESTAMP '2000-01-01 00:00:00'), (5, '', TIMESTAMP '2000-01-01 00:00:00'),
    (6, '', TIMESTAMP '2000-01-01 00:00:00'), (7, '', TIMESTAMP '2000-01-01 00:00:00'),
    (8, '', TIMESTAMP '2000-01-01 00:00:00'), (9, '', TIMESTAMP '2000-01-01 00:00:00'),
    (10, '', TIMESTAMP '2000-01-01 00:00:00'), (11, '', TIMESTAMP '2000-01-01 00:00:00'),
    (12, '', TIMESTAMP '2000-01-01 00:00:00'), (13, '', TIMESTAMP '2000-01-01 00:00:00'),
    (14, '', TIMESTAMP '2000-01-01 00:00:00'), (15, '', TIMESTAMP '2000-01-01 00:00:00');
