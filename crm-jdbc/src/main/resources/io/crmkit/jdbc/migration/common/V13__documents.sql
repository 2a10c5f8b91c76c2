-- crmkit schema, version 13: documents. ${prefix} is the table prefix, ${uuid}, ${blob} and ${timestamp} the
-- database's column types and ${table_options} its table options (Migrations.java).
--
-- Documents. Grants to users and departments are rows of shares (kind DOCUMENT), as for the other owned records.
CREATE TABLE ${prefix}documents (
    id            ${uuid} NOT NULL,
    name          VARCHAR(255) NOT NULL,
    media_type    VARCHAR(255) NOT NULL,
    owner_id      VARCHAR(200) NOT NULL,
    department_id VARCHAR(200),
    archived_at   ${timestamp},
    created_at    ${timestamp} NOT NULL,
    updated_at    ${timestamp} NOT NULL,
    version       BIGINT NOT NULL,
    CONSTRAINT ${prefix}documents_pk PRIMARY KEY (id)
)${table_options};
-- the scope's owner and department terms, in the search order (id)
CREATE INDEX ${prefix}documents_owner_idx ON ${prefix}documents (owner_id, id);
CREATE INDEX ${prefix}documents_department_idx ON ${prefix}documents (department_id, id);

-- The versions of a document, numbered from 1 without gaps (the key refuses a second writer of the same number),
-- only ever added to. content_key names the object in the content store.
CREATE TABLE ${prefix}document_versions (
    document_id ${uuid} NOT NULL,
    version_no  INTEGER NOT NULL,
    size_bytes  BIGINT NOT NULL,
    sha256      CHAR(64) NOT NULL,
    content_key VARCHAR(200) NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    created_at  ${timestamp} NOT NULL,
    CONSTRAINT ${prefix}document_versions_pk PRIMARY KEY (document_id, version_no),
    CONSTRAINT ${prefix}document_versions_fk FOREIGN KEY (document_id)
        REFERENCES ${prefix}documents (id) ON DELETE CASCADE
)${table_options};

-- The records a document is linked to; the second index finds the documents of one record.
CREATE TABLE ${prefix}document_links (
    document_id ${uuid} NOT NULL,
    kind        VARCHAR(20) NOT NULL,
    record_id   ${uuid} NOT NULL,
    CONSTRAINT ${prefix}document_links_pk PRIMARY KEY (document_id, kind, record_id),
    CONSTRAINT ${prefix}document_links_fk FOREIGN KEY (document_id)
        REFERENCES ${prefix}documents (id) ON DELETE CASCADE
)${table_options};
CREATE INDEX ${prefix}document_links_record_idx ON ${prefix}document_links (kind, record_id, document_id);

-- Every download: who opened which version when. Listed per document in id (time) order.
CREATE TABLE ${prefix}document_downloads (
    id            ${uuid} NOT NULL,
    document_id   ${uuid} NOT NULL,
    version_no    INTEGER NOT NULL,
    user_id       VARCHAR(200) NOT NULL,
    downloaded_at ${timestamp} NOT NULL,
    CONSTRAINT ${prefix}document_downloads_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}document_downloads_fk FOREIGN KEY (document_id)
        REFERENCES ${prefix}documents (id) ON DELETE CASCADE
)${table_options};
CREATE INDEX ${prefix}document_downloads_document_idx ON ${prefix}document_downloads (document_id, id);

-- The database content store: one row per object, written last in the object's own transaction, and its bytes in
-- chunks of at most 256 KiB, so that neither writing nor reading ever holds more than one chunk in memory (drivers
-- buffer a whole bytea or blob parameter).
CREATE TABLE ${prefix}content_objects (
    content_key VARCHAR(200) NOT NULL,
    size_bytes  BIGINT NOT NULL,
    sha256      CHAR(64) NOT NULL,
    chunks      INTEGER NOT NULL,
    created_at  ${timestamp} NOT NULL,
    CONSTRAINT ${prefix}content_objects_pk PRIMARY KEY (content_key)
)${table_options};
CREATE TABLE ${prefix}content_chunks (
    content_key VARCHAR(200) NOT NULL,
    seq         INTEGER NOT NULL,
    data        ${blob} NOT NULL,
    CONSTRAINT ${prefix}content_chunks_pk PRIMARY KEY (content_key, seq)
)${table_options};
