package io.crmkit.analytics.report;

import io.crmkit.core.CrmServices;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.calendar.WorkCalendar;
import io.crmkit.core.sales.ForecastQuery;
import io.crmkit.core.sales.ForecastRow;
import io.crmkit.core.sales.Opportunity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes, lists and draws the {@link PipelineSection} of a report. */
final class PipelinePart {
    private static final int PAGE = 500;

    private PipelinePart() {
    }

    /** The section over what the actor of {@code crm} may read; empty when the pipeline has no opportunity. */
    static Optional<PipelineSection> compute(CrmServices crm, String pipeline, WorkCalendar calendar, Instant now, int top) {
        List<ForecastRow> rows = crm.opportunities().forecast(ForecastQuery.byQuarter().pipeline(pipeline)).byCategory();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.ofInstant(now, calendar.zone());
        List<PipelineSection.StaleDeal> stale = new ArrayList<>();
        long count = 0;
        Page<Opportunity> page = crm.opportunities().stale(pipeline, calendar, PageRequest.first(PAGE));
        while (true) {
            for (Opportunity o : page.items()) {
                count++;
                stale.add(new PipelineSection.StaleDeal(o.name(), o.owner().id(), o.stageCode(),
                        calendar.workingDaysBetween(LocalDate.ofInstant(o.lastActivityAt(), calendar.zone()), today),
                        o.amount(), o.currency()));
                if (stale.size() > 4 * top + PAGE) { // keeps the list bounded: only the stalest are shown
                    trim(stale, top);
                }
            }
            if (page.nextCursor().isEmpty()) {
                break;
            }
            page = crm.opportunities().stale(pipeline, calendar, PageRequest.after(page.nextCursor().get(), PAGE));
        }
        trim(stale, top);
        List<ForecastRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(ForecastRow::period).thenComparing(r -> r.currency().getCurrencyCode())
                .thenComparing(r -> r.category().map(Enum::ordinal).orElse(-1)));
        return Optional.of(new PipelineSection(pipeline, sorted, count, stale));
    }

    private static void trim(List<PipelineSection.StaleDeal> stale, int top) {
        stale.sort(Comparator.comparingLong(PipelineSection.StaleDeal::idleWorkingDays).reversed()
                .thenComparing(PipelineSection.StaleDeal::name));
        if (stale.size() > top) {
            stale.subList(top, stale.size()).clear();
        }
    }

    static String item(ForecastRow r) {
        return r.period() + " " + r.category().map(Enum::name).orElse("TOTAL") + " " + r.currency().getCurrencyCode();
    }

    static void metrics(PipelineSection p, List<AnalyticsReport.Metric> out) {
        for (ForecastRow r : p.forecast()) {
            String item = item(r);
            out.add(new AnalyticsReport.Metric("pipeline", item, "count", Long.toString(r.count())));
            out.add(new AnalyticsReport.Metric("pipeline", item, "amount", Fmt.money(r.amount())));
            out.add(new AnalyticsReport.Metric("pipeline", item, "weighted", Fmt.money(r.weighted())));
        }
        out.add(new AnalyticsReport.Metric("stale", "all", "count", Long.toString(p.staleCount())));
        int rank = 1;
        for (PipelineSection.StaleDeal d : p.stale()) {
            String item = rank++ + " " + d.name();
            out.add(new AnalyticsReport.Metric("stale", item, "stage", d.stage()));
            out.add(new AnalyticsReport.Metric("stale", item, "owner", d.owner()));
            out.add(new AnalyticsReport.Metric("stale", item, "idle_working_days", Long.toString(d.idleWorkingDays())));
            out.add(new AnalyticsReport.Metric("stale", item, "amount", Fmt.money(d.amount()) + " " + d.currency()));
        }
    }

    static void html(Optional<PipelineSection> section, Map<String, String> m, StringBuilder sb) {
        sb.append("<h2>Sales pipeline</h2>\n");
        if (section.isEmpty()) {
            sb.append("<p>No opportunities.</p>\n");
            return;
        }
        PipelineSection p = section.get();
        sb.append("<h3>Forecast of pipeline ").append(Fmt.xml(p.pipeline())).append(" by quarter</h3>")
                .append("<table><tr><th class=\"l\">quarter</th><th class=\"l\">category</th><th class=\"l\">currency</th>")
                .append("<th>opportunities</th><th>amount</th><th>weighted</th></tr>");
        for (ForecastRow r : p.forecast()) {
            String item = item(r);
            sb.append("<tr><td class=\"l\">").append(r.period()).append("</td><td class=\"l\">")
                    .append(r.category().map(Enum::name).orElse("")).append("</td><td class=\"l\">")
                    .append(r.currency().getCurrencyCode()).append("</td><td>").append(HtmlRenderer.get(m, "pipeline", item, "count"))
                    .append("</td><td>").append(HtmlRenderer.get(m, "pipeline", item, "amount")).append("</td><td>")
                    .append(HtmlRenderer.get(m, "pipeline", item, "weighted")).append("</td></tr>");
        }
        sb.append("</table>\n<h3>Stale deals: ").append(HtmlRenderer.get(m, "stale", "all", "count")).append("</h3>");
        sb.append("<table><tr><th>#</th><th class=\"l\">opportunity</th><th class=\"l\">stage</th><th class=\"l\">owner</th>")
                .append("<th>idle working days</th><th>amount</th></tr>");
        int rank = 1;
        for (PipelineSection.StaleDeal d : p.stale()) {
            String item = rank + " " + d.name();
            sb.append("<tr><td>").append(rank++).append("</td><td class=\"l\">").append(Fmt.xml(d.name()))
                    .append("</td><td class=\"l\">").append(Fmt.xml(d.stage())).append("</td><td class=\"l\">")
                    .append(Fmt.xml(d.owner())).append("</td><td>").append(HtmlRenderer.get(m, "stale", item, "idle_working_days"))
                    .append("</td><td>").append(Fmt.xml(HtmlRenderer.get(m, "stale", item, "amount"))).append("</td></tr>");
        }
        sb.append("</table>\n");
    }

}
