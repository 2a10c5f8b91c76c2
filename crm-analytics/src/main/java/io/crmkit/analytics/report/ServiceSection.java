package io.crmkit.analytics.report;

import io.crmkit.core.service.ServiceStats;
import java.util.Objects;

/**
 * The service part of a report: the backlog now and the response, resolution and SLA figures of the cases created in
 * the report's service period, overall and per assignee department.
 *
 * @param stats    the figures of the period
 * @param open     open cases now
 * @param dueSoon  cases with an SLA target falling due within a day
 * @param breached cases that breached a target in the period
 */
public record ServiceSection(ServiceStats stats, long open, long dueSoon, long breached) {
    public ServiceSection {
        Objects.requireNonNull(stats, "stats");
    }
}
