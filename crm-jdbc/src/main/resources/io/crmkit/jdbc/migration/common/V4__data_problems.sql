-- crmkit schema, version 4. From version 4 on there is one script for every database: ${prefix} is the
-- table prefix, ${uuid}, ${text}, ${timestamp} and ${blob} are the database's column types and
-- ${table_options} its table options, all chosen per database in Migrations.java.
--
-- Values that a data migration could not bring into today's form. They are kept where they were,
-- unchanged, and listed here (JdbcStorage.dataProblems()), never dropped.

CREATE TABLE ${prefix}data_problems (
    id           ${uuid} NOT NULL,
    record_kind  VARCHAR(40) NOT NULL,
    record_id    ${uuid} NOT NULL,
    field_name   VARCHAR(200) NOT NULL,
    stored_value ${text} NOT NULL,
    reason       ${text} NOT NULL,
    migration    VARCHAR(200) NOT NULL,
    found_at     ${timestamp} NOT NULL,
    CONSTRAINT ${prefix}data_problems_pk PRIMARY KEY (id)
)${table_options};
CREATE INDEX ${prefix}data_problems_found_idx ON ${prefix}data_problems (found_at, id);
CREATE INDEX ${prefix}data_problems_record_idx ON ${prefix}data_problems (record_kind, record_id);
