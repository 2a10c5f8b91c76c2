package io.crmkit.analytics.report;

import io.crmkit.analytics.quality.DataQualityReport;
import io.crmkit.analytics.quality.FieldCompleteness;
import io.crmkit.analytics.quality.UnreachableContact;
import io.crmkit.core.dedup.DuplicateCandidate;
import io.crmkit.core.dedup.MatchReason;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Lists and draws the data-quality part of a report. */
final class QualityPart {
    private QualityPart() {
    }

    static void metrics(DataQualityReport q, List<AnalyticsReport.Metric> out) {
        out.add(new AnalyticsReport.Metric("quality", "customers", "count", Long.toString(q.customers())));
        out.add(new AnalyticsReport.Metric("quality", "unreachable contact points", "count",
                Long.toString(q.unreachableCount())));
        out.add(new AnalyticsReport.Metric("quality", "stale records", "count", Long.toString(q.staleCount())));
        out.add(new AnalyticsReport.Metric("quality", "duplicate candidates", "count", Long.toString(q.duplicateCount())));
        for (FieldCompleteness f : q.completeness()) {
            out.add(new AnalyticsReport.Metric("completeness", f.field(), "filled", Long.toString(f.filled())));
            out.add(new AnalyticsReport.Metric("completeness", f.field(), "percent", Fmt.fixed(100 * f.share(), 1)));
        }
        int rank = 1;
        for (UnreachableContact u : q.unreachable()) {
            String item = rank++ + " " + u.address();
            out.add(new AnalyticsReport.Metric("unreachable", item, "channel", u.channel().name()));
            out.add(new AnalyticsReport.Metric("unreachable", item, "status", u.status().name()));
            out.add(new AnalyticsReport.Metric("unreachable", item, "customer", u.customer().toString()));
        }
        rank = 1;
        for (DuplicateCandidate d : q.duplicates()) {
            String item = rank++ + " " + d.first() + " " + d.second();
            out.add(new AnalyticsReport.Metric("duplicates", item, "score", Fmt.fixed(d.score(), 2)));
            out.add(new AnalyticsReport.Metric("duplicates", item, "reasons", reasons(d)));
        }
    }

    private static String reasons(DuplicateCandidate d) {
        return d.reasons().stream().map(MatchReason::name).collect(Collectors.joining(" "));
    }

    static void html(AnalyticsReport r, Map<String, String> m, StringBuilder sb) {
        if (r.dataQuality().isEmpty()) {
            return;
        }
        DataQualityReport q = r.dataQuality().get();
        sb.append("<h2>Data quality</h2>\n<p class=\"muted\">").append(q.customers()).append(" customers; ")
                .append(q.unreachableCount()).append(" unreachable contact points, ").append(q.staleCount())
                .append(" records unchanged since ").append(Fmt.xml(q.staleBefore().toString())).append(", ")
                .append(q.duplicateCount()).append(" duplicate candidates.</p>\n");
        sb.append("<table><tr><th class=\"l\">field</th><th>filled</th><th>percent</th><th class=\"l\"></th></tr>");
        for (FieldCompleteness f : q.completeness()) {
            String percent = HtmlRenderer.get(m, "completeness", f.field(), "percent");
            sb.append("<tr><td class=\"l\">").append(Fmt.xml(f.field())).append("</td><td>").append(f.filled())
                    .append("</td><td>").append(percent).append("</td><td class=\"l\"><span class=\"bar\" style=\"width:")
                    .append(Math.round(200 * f.share())).append("px\"></span></td></tr>");
        }
        sb.append("</table>\n");
        if (!q.unreachable().isEmpty()) {
            sb.append("<h3>Unreachable contact points</h3><table><tr><th class=\"l\">address</th><th>channel</th>"
                    + "<th>status</th><th class=\"l\">error</th><th class=\"l\">customer</th></tr>");
            for (UnreachableContact u : q.unreachable()) {
                sb.append("<tr><td class=\"l\">").append(Fmt.xml(u.address())).append("</td><td>").append(u.channel())
                        .append("</td><td>").append(u.status()).append("</td><td class=\"l\">")
                        .append(Fmt.xml(u.error().orElse(""))).append("</td><td class=\"l\">")
                        .append(Fmt.xml(u.customer().toString())).append("</td></tr>");
            }
            sb.append("</table>\n");
        }
        if (!q.duplicates().isEmpty()) {
            sb.append("<h3>Duplicate candidates</h3><table><tr><th>score</th><th class=\"l\">reasons</th>"
                    + "<th class=\"l\">first</th><th class=\"l\">second</th></tr>");
            for (DuplicateCandidate d : q.duplicates()) {
                sb.append("<tr><td>").append(Fmt.fixed(d.score(), 2)).append("</td><td class=\"l\">")
                        .append(Fmt.xml(reasons(d))).append("</td><td class=\"l\">").append(Fmt.xml(d.first().toString()))
                        .append("</td><td class=\"l\">").append(Fmt.xml(d.second().toString())).append("</td></tr>");
            }
            sb.append("</table>\n");
        }
    }
}
