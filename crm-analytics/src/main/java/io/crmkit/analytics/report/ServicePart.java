package io.crmkit.analytics.report;

import io.crmkit.core.CrmServices;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseQuery;
import io.crmkit.core.service.ServiceStats;
import io.crmkit.core.security.DepartmentRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Computes, lists and draws the {@link ServiceSection} of a report. */
final class ServicePart {
    private static final int PAGE = 500;

    private ServicePart() {
    }

    /** The section over the cases the actor of {@code crm} may read; empty when there are none. */
    static Optional<ServiceSection> compute(CrmServices crm, Instant from, Instant to, Instant now) {
        long open = crm.cases().count(ServiceCaseQuery.all().openOnly());
        ServiceStats stats = crm.cases().stats(from, to);
        if (open == 0 && stats.all().cases() == 0) {
            return Optional.empty();
        }
        long dueSoon = count(p -> crm.cases().dueBefore(now.plus(Duration.ofDays(1)), p));
        long breached = count(p -> crm.cases().breachedBetween(from, to, p));
        return Optional.of(new ServiceSection(stats, open, dueSoon, breached));
    }

    private static long count(Function<PageRequest, Page<ServiceCase>> list) {
        long n = 0;
        Page<ServiceCase> page = list.apply(PageRequest.first(PAGE));
        while (true) {
            n += page.size();
            if (page.nextCursor().isEmpty()) {
                return n;
            }
            page = list.apply(PageRequest.after(page.nextCursor().get(), PAGE));
        }
    }

    private static String minutes(Duration d) {
        return Fmt.fixed(d.toSeconds() / 60.0, 1);
    }

    private static void figures(String item, ServiceStats.Figures f, List<AnalyticsReport.Metric> out) {
        out.add(new AnalyticsReport.Metric("service", item, "cases", Long.toString(f.cases())));
        out.add(new AnalyticsReport.Metric("service", item, "first_response_median_minutes", minutes(f.firstResponse().median())));
        out.add(new AnalyticsReport.Metric("service", item, "first_response_p90_minutes", minutes(f.firstResponse().p90())));
        out.add(new AnalyticsReport.Metric("service", item, "resolution_median_minutes", minutes(f.resolution().median())));
        out.add(new AnalyticsReport.Metric("service", item, "resolution_p90_minutes", minutes(f.resolution().p90())));
        out.add(new AnalyticsReport.Metric("service", item, "sla_attainment_percent",
                f.attainment().isPresent() ? Fmt.fixed(100 * f.attainment().getAsDouble(), 1) : "-"));
    }

    /** The departments of the section in name order. */
    private static List<Map.Entry<DepartmentRef, ServiceStats.Figures>> departments(ServiceSection s) {
        return s.stats().byDepartment().entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<DepartmentRef, ServiceStats.Figures> e) -> e.getKey().id())).toList();
    }

    static void metrics(ServiceSection s, List<AnalyticsReport.Metric> out) {
        out.add(new AnalyticsReport.Metric("backlog", "open", "cases", Long.toString(s.open())));
        out.add(new AnalyticsReport.Metric("backlog", "due within a day", "cases", Long.toString(s.dueSoon())));
        out.add(new AnalyticsReport.Metric("backlog", "breached in the period", "cases", Long.toString(s.breached())));
        figures("all", s.stats().all(), out);
        for (Map.Entry<DepartmentRef, ServiceStats.Figures> e : departments(s)) {
            figures(e.getKey().id(), e.getValue(), out);
        }
    }

    static void html(Optional<ServiceSection> section, Map<String, String> m, StringBuilder sb) {
        sb.append("<h2>Service</h2>\n");
        if (section.isEmpty()) {
            sb.append("<p>No service cases.</p>\n");
            return;
        }
        ServiceSection s = section.get();
        sb.append("<div class=\"kpis\">");
        HtmlRenderer.kpi(sb, "open cases", HtmlRenderer.get(m, "backlog", "open", "cases"), "now");
        HtmlRenderer.kpi(sb, "due within a day", HtmlRenderer.get(m, "backlog", "due within a day", "cases"), "SLA");
        HtmlRenderer.kpi(sb, "breached", HtmlRenderer.get(m, "backlog", "breached in the period", "cases"), "in the period");
        HtmlRenderer.kpi(sb, "SLA attainment", HtmlRenderer.get(m, "service", "all", "sla_attainment_percent") + "%", "of decided targets");
        sb.append("</div><h3>Response and resolution in working minutes, cases created ")
                .append(Fmt.xml(s.stats().from().toString())).append(" to ").append(Fmt.xml(s.stats().to().toString()))
                .append("</h3><table><tr><th class=\"l\">department</th><th>cases</th><th>first response median</th>")
                .append("<th>first response p90</th><th>resolution median</th><th>resolution p90</th><th>attainment %</th></tr>");
        row(sb, m, "all");
        for (Map.Entry<DepartmentRef, ServiceStats.Figures> e : departments(s)) {
            row(sb, m, e.getKey().id());
        }
        sb.append("</table>\n");
    }

    private static void row(StringBuilder sb, Map<String, String> m, String item) {
        sb.append("<tr><td class=\"l\">").append(Fmt.xml(item)).append("</td>");
        for (String metric : List.of("cases", "first_response_median_minutes", "first_response_p90_minutes",
                "resolution_median_minutes", "resolution_p90_minutes", "sla_attainment_percent")) {
            sb.append("<td>").append(HtmlRenderer.get(m, "service", item, metric)).append("</td>");
        }
        sb.append("</tr>");
    }
}
