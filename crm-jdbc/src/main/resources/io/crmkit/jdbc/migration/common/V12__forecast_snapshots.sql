-- crmkit schema, version 12: weekly forecast snapshots. ${prefix} is the table prefix, ${timestamp} the database's
-- column type for instants and ${table_options} its table options (Migrations.java).
--
-- One row per week that has a snapshot (its Monday), so that a week whose forecast was empty still has one.
CREATE TABLE ${prefix}forecast_snapshots (
    week       DATE NOT NULL,
    taken_at   ${timestamp} NOT NULL,
    CONSTRAINT ${prefix}forecast_snapshots_pk PRIMARY KEY (week)
)${table_options};

-- The sums of a snapshot by month, owner, department, category and currency, exact (an amount of scale 10 times a
-- probability of scale 4); replaced whole when the week's snapshot is taken again.
CREATE TABLE ${prefix}forecast_snapshot_rows (
    week          DATE NOT NULL,
    period        DATE NOT NULL,
    owner_id      VARCHAR(200) NOT NULL,
    department_id VARCHAR(200),
    category      VARCHAR(20) NOT NULL,
    currency      CHAR(3) NOT NULL,
    n             BIGINT NOT NULL,
    amount        DECIMAL(38,10) NOT NULL,
    weighted      DECIMAL(38,14) NOT NULL
)${table_options};
CREATE INDEX ${prefix}forecast_snapshot_rows_week_idx ON ${prefix}forecast_snapshot_rows (week);
