-- crmkit schema, version 7 (version 6 is the audit trail's). ${prefix} is the table prefix, ${uuid} and
-- ${timestamp} the database's column types and ${table_options} its table options (Migrations.java).
--
-- Records shared with users and departments beyond what the access rules grant: one row per record and
-- grantee. grantee_type is U (a user) or D (a department). The listings look records up by grantee (the
-- grantee index); a record's shares are read by the primary key. Customers already have indexes on
-- (owner_id, id) and (department_id, id) since version 1, on every database, for the other criteria of a scope.

CREATE TABLE ${prefix}shares (
    kind         VARCHAR(20) NOT NULL,
    record_id    ${uuid} NOT NULL,
    grantee_type VARCHAR(1) NOT NULL,
    grantee_id   VARCHAR(200) NOT NULL,
    access       VARCHAR(10) NOT NULL,
    cause        VARCHAR(20) NOT NULL,
    shared_by    VARCHAR(200) NOT NULL,
    shared_at    ${timestamp} NOT NULL,
    CONSTRAINT ${prefix}shares_pk PRIMARY KEY (kind, record_id, grantee_type, grantee_id)
)${table_options};
CREATE INDEX ${prefix}shares_grantee_idx ON ${prefix}shares (kind, grantee_type, grantee_id, record_id);
