-- crmkit schema, version 15: the merge history of customers. ${prefix} is the table prefix, ${uuid} and ${timestamp}
-- the database's column types for ids and instants and ${table_options} its table options (Migrations.java).
--
-- One row per merge: the winner, why and by whom, and whether it was undone.
CREATE TABLE ${prefix}merges (
    id             ${uuid} NOT NULL,
    winner_id      ${uuid} NOT NULL,
    winner_version BIGINT NOT NULL,
    reason         VARCHAR(2000) NOT NULL,
    actor_id       VARCHAR(200) NOT NULL,
    merged_at      ${timestamp} NOT NULL,
    undone_at      ${timestamp},
    undone_by      VARCHAR(200),
    undo_reason    VARCHAR(2000),
    CONSTRAINT ${prefix}merges_pk PRIMARY KEY (id)
)${table_options};
CREATE INDEX ${prefix}merges_winner_idx ON ${prefix}merges (winner_id, id);

-- One row per merged customer, in the order the merge was given them.
CREATE TABLE ${prefix}merge_losers (
    merge_id        ${uuid} NOT NULL,
    seq             INTEGER NOT NULL,
    customer_id     ${uuid} NOT NULL,
    version_after   BIGINT NOT NULL,
    archived_before ${timestamp},
    CONSTRAINT ${prefix}merge_losers_pk PRIMARY KEY (merge_id, seq)
)${table_options};
CREATE INDEX ${prefix}merge_losers_customer_idx ON ${prefix}merge_losers (customer_id, merge_id);

-- What moved from one merged customer: a record (item_kind a record kind, item_value its id), or what the winner
-- gained (EMAIL, PHONE, TAG, ATTRIBUTE: the value; EXTERNAL_REF: the system, item_extra the id).
CREATE TABLE ${prefix}merge_items (
    merge_id   ${uuid} NOT NULL,
    loser_seq  INTEGER NOT NULL,
    item_seq   INTEGER NOT NULL,
    item_kind  VARCHAR(30) NOT NULL,
    item_value VARCHAR(1000) NOT NULL,
    item_extra VARCHAR(1000),
    CONSTRAINT ${prefix}merge_items_pk PRIMARY KEY (merge_id, loser_seq, item_seq)
)${table_options};

-- A merge finds a customer's messages by customer; the other tables that point at a customer had such an index.
CREATE INDEX ${prefix}outbox_customer_idx ON ${prefix}outbox (customer_id, id);
