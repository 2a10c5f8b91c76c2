-- crmkit schema, version 10: service levels of service cases. ${prefix} is the table prefix and ${timestamp} the
-- database's column type for an instant (Migrations.java).
--
-- The response facts a case keeps from its linked interactions (its first agent response, and the latest reply cycle:
-- when the customer wrote back and when it was answered), so that its clocks are computed without reading them.
ALTER TABLE ${prefix}service_cases ADD first_response_at ${timestamp};
ALTER TABLE ${prefix}service_cases ADD awaited_since ${timestamp};
ALTER TABLE ${prefix}service_cases ADD next_response_at ${timestamp};

-- What the case service stores of the service levels on every change of a case: the matching policy, the earliest
-- due instant of a running clock not marked breached (null while paused or when nothing runs), the earliest warning
-- instant, the earlier of the two (when the SLA monitor has something to do), the due instant of the first breach
-- marked, and the marks themselves, one bit per metric (1 first response, 2 next response, 4 resolution), so that each
-- warning and breach fires once.
ALTER TABLE ${prefix}service_cases ADD sla_policy VARCHAR(400);
ALTER TABLE ${prefix}service_cases ADD sla_due_at ${timestamp};
ALTER TABLE ${prefix}service_cases ADD sla_warn_at ${timestamp};
ALTER TABLE ${prefix}service_cases ADD sla_check_at ${timestamp};
ALTER TABLE ${prefix}service_cases ADD sla_breached_at ${timestamp};
ALTER TABLE ${prefix}service_cases ADD sla_warned INT DEFAULT 0 NOT NULL;
ALTER TABLE ${prefix}service_cases ADD sla_breached INT DEFAULT 0 NOT NULL;

-- The lists are range scans ending in id, their order: breaching soon (dueBefore: sla_due_at < ?), breached in a
-- period (breachedBetween) and the monitor's batches (sla_check_at <= ?). Plain indexes, the same on every database
-- (H2 and MariaDB have no partial indexes): the null rows, most of them once cases are done, are never in a range.
CREATE INDEX ${prefix}service_cases_sla_due_idx ON ${prefix}service_cases (sla_due_at, id);
CREATE INDEX ${prefix}service_cases_sla_breach_idx ON ${prefix}service_cases (sla_breached_at, id);
CREATE INDEX ${prefix}service_cases_sla_check_idx ON ${prefix}service_cases (sla_check_at, id);
