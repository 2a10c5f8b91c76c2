package io.crmkit.analytics.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain text: one aligned table per section, the numbers of {@link AnalyticsReport#metrics()}. */
final class TextRenderer {
    private static final Map<String, String> HEADINGS = Map.ofEntries(
            Map.entry("satisfaction", "Satisfaction"), Map.entry("distribution", "Responses per score"),
            Map.entry("trend", "Trend per period"), Map.entry("value", "Customer value"),
            Map.entry("segment", "RFM segments"), Map.entry("cohort", "Retention by first-purchase month"),
            Map.entry("customer", "Top customers"), Map.entry("pipeline", "Sales pipeline forecast by quarter"),
            Map.entry("stale", "Stale deals"), Map.entry("backlog", "Service backlog"),
            Map.entry("service", "Service times (working minutes) and SLA attainment"),
            Map.entry("campaign", "Campaigns"), Map.entry("attribution", "Revenue attributed to campaigns"),
            Map.entry("topics", "Feedback topics"), Map.entry("topic", "Top topics and their trend"),
            Map.entry("topic_period", "Topics per period (% of the period's texts)"),
            Map.entry("topic_sentiment", "Topics per sentiment"), Map.entry("topic_product", "Topics per product"),
            Map.entry("quality", "Data quality"), Map.entry("completeness", "Completeness per field"),
            Map.entry("unreachable", "Unreachable contact points"), Map.entry("duplicates", "Duplicate candidates"));

    private TextRenderer() {
    }

    static String render(AnalyticsReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append(report.title()).append('\n').append("=".repeat(Math.max(3, width(report.title())))).append('\n');
        sb.append("Generated ").append(report.generatedText()).append("\n");
        Map<String, List<AnalyticsReport.Metric>> bySection = new LinkedHashMap<>();
        for (AnalyticsReport.Metric m : report.metrics()) {
            bySection.computeIfAbsent(m.section(), s -> new ArrayList<>()).add(m);
        }
        if (bySection.isEmpty()) {
            sb.append("\nNo survey responses and no purchases.\n");
        }
        bySection.forEach((section, metrics) -> {
            String heading = HEADINGS.getOrDefault(section, section);
            sb.append('\n').append(heading).append('\n').append("-".repeat(width(heading))).append('\n');
            int itemWidth = 4;
            int metricWidth = 6;
            for (AnalyticsReport.Metric m : metrics) {
                itemWidth = Math.max(itemWidth, width(m.item()));
                metricWidth = Math.max(metricWidth, width(m.metric()));
            }
            for (AnalyticsReport.Metric m : metrics) {
                sb.append(pad(m.item(), itemWidth)).append("  ").append(pad(m.metric(), metricWidth)).append("  ")
                        .append(m.value()).append('\n');
            }
        });
        return sb.toString();
    }

    /** Display width: East Asian characters take two columns. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN || (cp >= 0xFF00 && cp <= 0xFFEF) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - width(s)));
    }
}
