-- crmkit schema, version 8: service cases. ${prefix} is the table prefix, ${uuid}, ${text} and ${timestamp} the
-- database's column types and ${table_options} its table options (Migrations.java).
--
-- One row per case. A case follows its customer for access (the scope's condition is customer_id IN ...): the
-- customer index serves it and a customer's cases. The lists of the case service read by assignee user or
-- department and status (assignedToUser, assignedToDepartment: open statuses), and by status and creation time
-- (a queue: new cases of the last hour); every index ends in id, the order of every listing.
CREATE TABLE ${prefix}service_cases (
    id                     ${uuid} NOT NULL,
    customer_id            ${uuid} NOT NULL,
    subject                VARCHAR(1000) NOT NULL,
    description            ${text},
    origin                 VARCHAR(20) NOT NULL,
    case_type              VARCHAR(200) NOT NULL,
    priority               VARCHAR(20) NOT NULL,
    status                 VARCHAR(20) NOT NULL,
    assignee_user_id       VARCHAR(200),
    assignee_department_id VARCHAR(200),
    parent_id              ${uuid},
    created_by             VARCHAR(200) NOT NULL,
    created_at             ${timestamp} NOT NULL,
    updated_at             ${timestamp} NOT NULL,
    version                BIGINT NOT NULL,
    CONSTRAINT ${prefix}service_cases_pk PRIMARY KEY (id)
)${table_options};
CREATE INDEX ${prefix}service_cases_customer_idx ON ${prefix}service_cases (customer_id, id);
CREATE INDEX ${prefix}service_cases_user_idx ON ${prefix}service_cases (assignee_user_id, status, id);
CREATE INDEX ${prefix}service_cases_dept_idx ON ${prefix}service_cases (assignee_department_id, status, id);
CREATE INDEX ${prefix}service_cases_status_idx ON ${prefix}service_cases (status, created_at, id);
CREATE INDEX ${prefix}service_cases_parent_idx ON ${prefix}service_cases (parent_id, id);

-- Every status change of a case, oldest first (seq from 0): what service-level clocks are computed from.
CREATE TABLE ${prefix}service_case_history (
    case_id     ${uuid} NOT NULL,
    seq         INT NOT NULL,
    from_status VARCHAR(20) NOT NULL,
    to_status   VARCHAR(20) NOT NULL,
    actor_id    VARCHAR(200) NOT NULL,
    changed_at  ${timestamp} NOT NULL,
    note        ${text},
    CONSTRAINT ${prefix}service_case_history_pk PRIMARY KEY (case_id, seq),
    CONSTRAINT ${prefix}service_case_history_fk FOREIGN KEY (case_id) REFERENCES ${prefix}service_cases (id) ON DELETE CASCADE
)${table_options};

-- The interactions (link_kind INTERACTION) and needs (REQUIREMENT) a case links to, in the order they were linked
-- (seq from 0 per kind). The linked index finds the cases of an interaction or need.
CREATE TABLE ${prefix}service_case_links (
    case_id   ${uuid} NOT NULL,
    link_kind VARCHAR(20) NOT NULL,
    seq       INT NOT NULL,
    linked_id ${uuid} NOT NULL,
    CONSTRAINT ${prefix}service_case_links_pk PRIMARY KEY (case_id, link_kind, seq),
    CONSTRAINT ${prefix}service_case_links_fk FOREIGN KEY (case_id) REFERENCES ${prefix}service_cases (id) ON DELETE CASCADE
)${table_options};
CREATE INDEX ${prefix}service_case_links_linked_idx ON ${prefix}service_case_links (linked_id, case_id);
