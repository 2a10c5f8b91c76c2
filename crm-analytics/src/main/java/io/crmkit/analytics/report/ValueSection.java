package io.crmkit.analytics.report;

import io.crmkit.analytics.value.CohortRetention;
import io.crmkit.analytics.value.Pareto;
import io.crmkit.analytics.value.RfmSegment;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Customer value in the report.
 *
 * @param pareto        revenue concentration
 * @param segments      customers per RFM segment, every segment present
 * @param cohorts       retention by first-purchase month
 * @param topCustomers  the customers with the largest totals, largest first
 * @param lorenz        cumulative revenue share after each customer, best customers first (for the chart)
 */
public record ValueSection(Pareto pareto, Map<RfmSegment, Integer> segments, CohortRetention cohorts,
                           List<TopCustomer> topCustomers, List<Double> lorenz) {
    public ValueSection {
        Objects.requireNonNull(pareto, "pareto");
        EnumMap<RfmSegment, Integer> all = new EnumMap<>(RfmSegment.class);
        for (RfmSegment s : RfmSegment.values()) {
            all.put(s, segments.getOrDefault(s, 0));
        }
        segments = Collections.unmodifiableMap(all);
        Objects.requireNonNull(cohorts, "cohorts");
        topCustomers = List.copyOf(topCustomers);
        lorenz = List.copyOf(lorenz);
    }
}
