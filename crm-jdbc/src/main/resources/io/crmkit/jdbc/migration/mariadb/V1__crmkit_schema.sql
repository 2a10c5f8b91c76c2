-- crmkit schema, version 1. ${prefix} is the configured table prefix (default crm_).
-- Child collections live in child tables ordered by seq; every list query has an index.

CREATE TABLE ${prefix}customers (
    id              BINARY(16) NOT NULL,
    kind            VARCHAR(20) NOT NULL,
    display_name    VARCHAR(1000) NOT NULL,
    name_lower      VARCHAR(1000) NOT NULL,
    stage           VARCHAR(20) NOT NULL,
    owner_id        VARCHAR(200),
    department_id   VARCHAR(200),
    organization_id BINARY(16),
    job_title       VARCHAR(1000),
    time_zone       VARCHAR(100),
    archived_at     DATETIME(6),
    created_at      DATETIME(6) NOT NULL,
    updated_at      DATETIME(6) NOT NULL,
    version         BIGINT NOT NULL,
    CONSTRAINT ${prefix}customers_pk PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}customers_name_idx ON ${prefix}customers (name_lower(190));
CREATE INDEX ${prefix}customers_owner_idx ON ${prefix}customers (owner_id, id);
CREATE INDEX ${prefix}customers_dept_idx ON ${prefix}customers (department_id, id);
CREATE INDEX ${prefix}customers_org_idx ON ${prefix}customers (organization_id, id);
CREATE INDEX ${prefix}customers_stage_idx ON ${prefix}customers (stage, id);

CREATE TABLE ${prefix}customer_emails (
    customer_id BINARY(16) NOT NULL,
    seq         INT NOT NULL,
    email       VARCHAR(320) NOT NULL,
    email_lower VARCHAR(320) NOT NULL,
    CONSTRAINT ${prefix}customer_emails_pk PRIMARY KEY (customer_id, seq),
    CONSTRAINT ${prefix}customer_emails_fk FOREIGN KEY (customer_id) REFERENCES ${prefix}customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}customer_emails_idx ON ${prefix}customer_emails (email_lower, customer_id);

CREATE TABLE ${prefix}customer_phones (
    customer_id BINARY(16) NOT NULL,
    seq         INT NOT NULL,
    phone       VARCHAR(40) NOT NULL,
    CONSTRAINT ${prefix}customer_phones_pk PRIMARY KEY (customer_id, seq),
    CONSTRAINT ${prefix}customer_phones_fk FOREIGN KEY (customer_id) REFERENCES ${prefix}customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}customer_phones_idx ON ${prefix}customer_phones (phone, customer_id);

CREATE TABLE ${prefix}customer_addresses (
    customer_id BINARY(16) NOT NULL,
    seq         INT NOT NULL,
    street      VARCHAR(1000) NOT NULL,
    city        VARCHAR(1000) NOT NULL,
    region      VARCHAR(1000),
    postal_code VARCHAR(100),
    country     VARCHAR(10),
    CONSTRAINT ${prefix}customer_addresses_pk PRIMARY KEY (customer_id, seq),
    CONSTRAINT ${prefix}customer_addresses_fk FOREIGN KEY (customer_id) REFERENCES ${prefix}customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${prefix}customer_tags (
    customer_id BINARY(16) NOT NULL,
    seq         INT NOT NULL,
    tag         VARCHAR(200) NOT NULL,
    CONSTRAINT ${prefix}customer_tags_pk PRIMARY KEY (customer_id, seq),
    CONSTRAINT ${prefix}customer_tags_fk FOREIGN KEY (customer_id) REFERENCES ${prefix}customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}customer_tags_idx ON ${prefix}customer_tags (tag, customer_id);

CREATE TABLE ${prefix}customer_attributes (
    customer_id BINARY(16) NOT NULL,
    seq         INT NOT NULL,
    attr_name   VARCHAR(200) NOT NULL,
    attr_type   VARCHAR(20) NOT NULL,
    attr_value  MEDIUMTEXT NOT NULL,
    CONSTRAINT ${prefix}customer_attributes_pk PRIMARY KEY (customer_id, seq),
    CONSTRAINT ${prefix}customer_attributes_fk FOREIGN KEY (customer_id) REFERENCES ${prefix}customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${prefix}customer_external_refs (
    customer_id BINARY(16) NOT NULL,
    seq         INT NOT NULL,
    ref_system  VARCHAR(100) NOT NULL,
    ref_id      VARCHAR(400) NOT NULL,
    CONSTRAINT ${prefix}customer_external_refs_pk PRIMARY KEY (customer_id, seq),
    CONSTRAINT ${prefix}customer_external_refs_uq UNIQUE (ref_system, ref_id),
    CONSTRAINT ${prefix}customer_external_refs_fk FOREIGN KEY (customer_id) REFERENCES ${prefix}customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${prefix}customer_consents (
    customer_id    BINARY(16) NOT NULL,
    channel        VARCHAR(20) NOT NULL,
    consent_status VARCHAR(20) NOT NULL,
    given_at       DATETIME(6) NOT NULL,
    consent_source VARCHAR(1000) NOT NULL,
    CONSTRAINT ${prefix}customer_consents_pk PRIMARY KEY (customer_id, channel),
    CONSTRAINT ${prefix}customer_consents_fk FOREIGN KEY (customer_id) REFERENCES ${prefix}customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${prefix}interactions (
    id             BINARY(16) NOT NULL,
    customer_id    BINARY(16) NOT NULL,
    channel        VARCHAR(20) NOT NULL,
    direction      VARCHAR(20) NOT NULL,
    subject        VARCHAR(1000),
    notes          MEDIUMTEXT,
    occurred_at    DATETIME(6) NOT NULL,
    duration_nanos BIGINT,
    author         VARCHAR(200) NOT NULL,
    outcome        VARCHAR(1000),
    recorded_at    DATETIME(6) NOT NULL,
    CONSTRAINT ${prefix}interactions_pk PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}interactions_timeline_idx ON ${prefix}interactions (customer_id, occurred_at, id);

CREATE TABLE ${prefix}interaction_links (
    interaction_id BINARY(16) NOT NULL,
    seq            INT NOT NULL,
    link_type      VARCHAR(20) NOT NULL,
    linked_id      BINARY(16) NOT NULL,
    CONSTRAINT ${prefix}interaction_links_pk PRIMARY KEY (interaction_id, seq),
    CONSTRAINT ${prefix}interaction_links_fk FOREIGN KEY (interaction_id) REFERENCES ${prefix}interactions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}interaction_links_idx ON ${prefix}interaction_links (linked_id);

CREATE TABLE ${prefix}requirements (
    id                 BINARY(16) NOT NULL,
    customer_id        BINARY(16) NOT NULL,
    title              VARCHAR(1000) NOT NULL,
    description        MEDIUMTEXT,
    priority           VARCHAR(20) NOT NULL,
    due_date           DATE,
    assignee_id        VARCHAR(200),
    status             VARCHAR(20) NOT NULL,
    is_open            BOOLEAN NOT NULL,
    source_interaction BINARY(16),
    created_by         VARCHAR(200) NOT NULL,
    created_at         DATETIME(6) NOT NULL,
    updated_at         DATETIME(6) NOT NULL,
    version            BIGINT NOT NULL,
    CONSTRAINT ${prefix}requirements_pk PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}requirements_assignee_idx ON ${prefix}requirements (assignee_id, is_open, id);
CREATE INDEX ${prefix}requirements_due_idx ON ${prefix}requirements (is_open, due_date, id);
CREATE INDEX ${prefix}requirements_customer_idx ON ${prefix}requirements (customer_id, id);
CREATE INDEX ${prefix}requirements_status_idx ON ${prefix}requirements (status, id);

CREATE TABLE ${prefix}requirement_history (
    requirement_id BINARY(16) NOT NULL,
    seq            INT NOT NULL,
    from_status    VARCHAR(20) NOT NULL,
    to_status      VARCHAR(20) NOT NULL,
    actor_id       VARCHAR(200) NOT NULL,
    changed_at     DATETIME(6) NOT NULL,
    note           MEDIUMTEXT,
    CONSTRAINT ${prefix}requirement_history_pk PRIMARY KEY (requirement_id, seq),
    CONSTRAINT ${prefix}requirement_history_fk FOREIGN KEY (requirement_id) REFERENCES ${prefix}requirements (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${prefix}tasks (
    id                     BINARY(16) NOT NULL,
    title                  VARCHAR(1000) NOT NULL,
    description            MEDIUMTEXT,
    customer_id            BINARY(16),
    requirement_id         BINARY(16),
    assignee_user_id       VARCHAR(200),
    assignee_department_id VARCHAR(200),
    creator_id             VARCHAR(200) NOT NULL,
    due_date               DATE,
    priority               VARCHAR(20) NOT NULL,
    status                 VARCHAR(20) NOT NULL,
    is_open                BOOLEAN NOT NULL,
    progress               INT NOT NULL,
    created_at             DATETIME(6) NOT NULL,
    updated_at             DATETIME(6) NOT NULL,
    version                BIGINT NOT NULL,
    CONSTRAINT ${prefix}tasks_pk PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}tasks_user_idx ON ${prefix}tasks (assignee_user_id, is_open, due_date, id);
CREATE INDEX ${prefix}tasks_dept_idx ON ${prefix}tasks (assignee_department_id, is_open, due_date, id);
CREATE INDEX ${prefix}tasks_due_idx ON ${prefix}tasks (is_open, due_date, id);
CREATE INDEX ${prefix}tasks_customer_idx ON ${prefix}tasks (customer_id, id);
CREATE INDEX ${prefix}tasks_requirement_idx ON ${prefix}tasks (requirement_id, id);

CREATE TABLE ${prefix}task_comments (
    task_id      BINARY(16) NOT NULL,
    seq          INT NOT NULL,
    author_id    VARCHAR(200) NOT NULL,
    commented_at DATETIME(6) NOT NULL,
    body         MEDIUMTEXT NOT NULL,
    CONSTRAINT ${prefix}task_comments_pk PRIMARY KEY (task_id, seq),
    CONSTRAINT ${prefix}task_comments_fk FOREIGN KEY (task_id) REFERENCES ${prefix}tasks (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${prefix}task_assignments (
    task_id       BINARY(16) NOT NULL,
    seq           INT NOT NULL,
    user_id       VARCHAR(200),
    department_id VARCHAR(200),
    by_actor_id   VARCHAR(200) NOT NULL,
    assigned_at   DATETIME(6) NOT NULL,
    note          MEDIUMTEXT,
    CONSTRAINT ${prefix}task_assignments_pk PRIMARY KEY (task_id, seq),
    CONSTRAINT ${prefix}task_assignments_fk FOREIGN KEY (task_id) REFERENCES ${prefix}tasks (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${prefix}task_status_history (
    task_id     BINARY(16) NOT NULL,
    seq         INT NOT NULL,
    from_status VARCHAR(20) NOT NULL,
    to_status   VARCHAR(20) NOT NULL,
    actor_id    VARCHAR(200) NOT NULL,
    changed_at  DATETIME(6) NOT NULL,
    note        MEDIUMTEXT,
    CONSTRAINT ${prefix}task_status_history_pk PRIMARY KEY (task_id, seq),
    CONSTRAINT ${prefix}task_status_history_fk FOREIGN KEY (task_id) REFERENCES ${prefix}tasks (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${prefix}survey_responses (
    id           BINARY(16) NOT NULL,
    customer_id  BINARY(16) NOT NULL,
    kind         VARCHAR(20) NOT NULL,
    score        INT NOT NULL,
    note         MEDIUMTEXT,
    touchpoint   VARCHAR(400),
    channel      VARCHAR(20),
    responded_at DATETIME(6) NOT NULL,
    CONSTRAINT ${prefix}survey_responses_pk PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}survey_responses_customer_idx ON ${prefix}survey_responses (customer_id, id);
CREATE INDEX ${prefix}survey_responses_time_idx ON ${prefix}survey_responses (responded_at, id);
CREATE INDEX ${prefix}survey_responses_kind_idx ON ${prefix}survey_responses (kind, id);

CREATE TABLE ${prefix}purchases (
    id           BINARY(16) NOT NULL,
    customer_id  BINARY(16) NOT NULL,
    occurred_at  DATETIME(6) NOT NULL,
    amount       DECIMAL(30,10) NOT NULL,
    amount_scale INT NOT NULL,
    currency     CHAR(3) NOT NULL,
    quantity     INT NOT NULL,
    product      VARCHAR(1000),
    external_id  VARCHAR(400),
    CONSTRAINT ${prefix}purchases_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}purchases_external_uq UNIQUE (external_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}purchases_customer_idx ON ${prefix}purchases (customer_id, id);
CREATE INDEX ${prefix}purchases_time_idx ON ${prefix}purchases (occurred_at, id);
