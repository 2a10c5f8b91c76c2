-- crmkit schema, version 6: the audit trail. ${prefix} is the table prefix, ${uuid}, ${text} and ${timestamp}
-- the database's column types and ${table_options} its table options (Migrations.java).
--
-- One row per stream: the sequence and hash of its newest entry. Appending locks it (SELECT ... FOR UPDATE),
-- so the entries of one stream are written one transaction at a time, and verify compares it with the newest
-- entry, so deleting entries from the end is found.
CREATE TABLE ${prefix}audit_heads (
    stream        INTEGER NOT NULL,
    last_seq      BIGINT NOT NULL,
    last_hash     VARCHAR(64) NOT NULL,
    CONSTRAINT ${prefix}audit_heads_pk PRIMARY KEY (stream)
)${table_options};

-- The entries, only ever appended. changes holds the changed fields in FieldChange.encode's text form (each part
-- with its length), so one row per entry is one statement per append.
CREATE TABLE ${prefix}audit_entries (
    stream        INTEGER NOT NULL,
    seq           BIGINT NOT NULL,
    recorded_at   ${timestamp} NOT NULL,
    actor         VARCHAR(100) NOT NULL,
    source        VARCHAR(20) NOT NULL,
    record_kind   VARCHAR(40) NOT NULL,
    record_id     ${uuid} NOT NULL,
    entry_action  VARCHAR(40) NOT NULL,
    changes       ${text} NOT NULL,
    salt          VARCHAR(32),
    previous_hash VARCHAR(64) NOT NULL,
    entry_hash    VARCHAR(64) NOT NULL,
    CONSTRAINT ${prefix}audit_entries_pk PRIMARY KEY (stream, seq)
)${table_options};
CREATE INDEX ${prefix}audit_entries_record_idx ON ${prefix}audit_entries (record_kind, record_id, recorded_at, stream, seq);
CREATE INDEX ${prefix}audit_entries_actor_idx ON ${prefix}audit_entries (actor, recorded_at, stream, seq);
