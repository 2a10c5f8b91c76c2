-- crmkit schema, version 19: projects. ${prefix} is the table prefix, ${uuid}, ${text} and ${timestamp} the database's
-- column types and ${table_options} its table options (Migrations.java).
--
-- Projects, owned by a user and maybe a department (the access scope's terms, in the listing order: id).
CREATE TABLE ${prefix}projects (
    id            ${uuid} NOT NULL,
    name          VARCHAR(800) NOT NULL,
    description   ${text},
    owner_id      VARCHAR(200) NOT NULL,
    department_id VARCHAR(200),
    created_at    ${timestamp} NOT NULL,
    updated_at    ${timestamp} NOT NULL,
    version       BIGINT NOT NULL,
    CONSTRAINT ${prefix}projects_pk PRIMARY KEY (id)
)${table_options};
CREATE INDEX ${prefix}projects_owner_idx ON ${prefix}projects (owner_id, id);
CREATE INDEX ${prefix}projects_department_idx ON ${prefix}projects (department_id, id);

-- Milestones in the project's order (seq); names are unique in a project (the service checks, the key guards).
CREATE TABLE ${prefix}project_milestones (
    project_id ${uuid} NOT NULL,
    seq        INTEGER NOT NULL,
    name       VARCHAR(800) NOT NULL,
    due_date   DATE,
    CONSTRAINT ${prefix}project_milestones_pk PRIMARY KEY (project_id, seq),
    CONSTRAINT ${prefix}project_milestones_fk FOREIGN KEY (project_id) REFERENCES ${prefix}projects (id) ON DELETE CASCADE
)${table_options};

-- The tasks of a project in its order (seq), with their milestone (by its seq) and weight. A task may be in several
-- projects; the second index finds the projects of a task.
CREATE TABLE ${prefix}project_tasks (
    project_id    ${uuid} NOT NULL,
    seq           INTEGER NOT NULL,
    task_id       ${uuid} NOT NULL,
    milestone_seq INTEGER,
    weight        INTEGER NOT NULL,
    CONSTRAINT ${prefix}project_tasks_pk PRIMARY KEY (project_id, seq),
    CONSTRAINT ${prefix}project_tasks_fk FOREIGN KEY (project_id) REFERENCES ${prefix}projects (id) ON DELETE CASCADE
)${table_options};
CREATE INDEX ${prefix}project_tasks_task_idx ON ${prefix}project_tasks (task_id, project_id);

-- Which task of a project waits for which other task of it.
CREATE TABLE ${prefix}project_task_dependencies (
    project_id    ${uuid} NOT NULL,
    task_id       ${uuid} NOT NULL,
    depends_on_id ${uuid} NOT NULL,
    CONSTRAINT ${prefix}project_task_dependencies_pk PRIMARY KEY (project_id, task_id, depends_on_id),
    CONSTRAINT ${prefix}project_task_dependencies_fk FOREIGN KEY (project_id)
        REFERENCES ${prefix}projects (id) ON DELETE CASCADE
)${table_options};
