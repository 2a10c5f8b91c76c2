package io.crmkit.analytics.report;

import io.crmkit.analytics.feedback.FeedbackText;
import io.crmkit.analytics.feedback.FeedbackTopics;
import io.crmkit.analytics.feedback.PeriodTopics;
import io.crmkit.analytics.feedback.TopicCount;
import io.crmkit.analytics.feedback.TopicReport;
import io.crmkit.analytics.feedback.TopicTrend;
import io.crmkit.analytics.satisfaction.SatisfactionAnalytics;
import io.crmkit.analytics.satisfaction.SurveySlice;
import io.crmkit.core.CrmServices;
import io.crmkit.core.satisfaction.SurveyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes, lists and draws the feedback topics of a report. */
final class TopicPart {
    /** Topics drawn as a trend line each. */
    private static final int CHARTS = 4;

    private TopicPart() {
    }

    /** The topics of the slice's survey comments and the host's other texts; empty when there is no text. */
    static Optional<TopicReport> compute(CrmServices crm, FeedbackTopics topics, SurveySlice slice,
                                         Iterable<FeedbackText> more) {
        FeedbackTopics.Accumulator acc = topics.accumulator();
        SatisfactionAnalytics sat = SatisfactionAnalytics.of(crm);
        for (SurveyKind kind : SurveyKind.values()) {
            sat.forEach(kind, slice, r -> r.comment().ifPresent(c -> acc.add(FeedbackText.of(c, r.respondedAt()))));
        }
        more.forEach(acc::add);
        TopicReport report = acc.report();
        return report.texts() == 0 ? Optional.empty() : Optional.of(report);
    }

    static void metrics(TopicReport r, List<AnalyticsReport.Metric> out) {
        out.add(new AnalyticsReport.Metric("topics", "all", "texts", Integer.toString(r.texts())));
        int rank = 1;
        for (TopicTrend t : r.trends()) {
            String item = rank + " " + t.topic();
            TopicCount c = r.overall().get(rank - 1);
            out.add(new AnalyticsReport.Metric("topic", item, "texts", Integer.toString(c.texts())));
            out.add(new AnalyticsReport.Metric("topic", item, "share_percent", Fmt.fixed(100 * c.share(), 1)));
            out.add(new AnalyticsReport.Metric("topic", item, "last_period_percent", Fmt.fixed(100 * t.lastShare(), 1)));
            out.add(new AnalyticsReport.Metric("topic", item, "earlier_percent", Fmt.fixed(100 * t.earlierShare(), 1)));
            out.add(new AnalyticsReport.Metric("topic", item, "p_value", Fmt.fixed(t.pValue(), 4)));
            out.add(new AnalyticsReport.Metric("topic", item, "trend", t.direction().name()));
            for (int i = 0; i < r.periods().size(); i++) {
                PeriodTopics p = r.periods().get(i);
                out.add(new AnalyticsReport.Metric("topic_period", p.start() + " " + t.topic(), "percent",
                        Fmt.fixed(p.texts() == 0 ? 0 : 100.0 * t.counts().get(i) / p.texts(), 1)));
            }
            rank++;
        }
        r.bySentiment().forEach((polarity, list) -> ranked(list, polarity.name(), "topic_sentiment", out));
        r.byProduct().forEach((product, list) -> ranked(list, product, "topic_product", out));
    }

    private static void ranked(List<TopicCount> list, String group, String section, List<AnalyticsReport.Metric> out) {
        int rank = 1;
        for (TopicCount c : list) {
            out.add(new AnalyticsReport.Metric(section, group + " " + rank++ + " " + c.topic(), "texts",
                    Integer.toString(c.texts())));
        }
    }

    static void html(AnalyticsReport r, Map<String, String> m, StringBuilder sb) {
        if (r.topics().isEmpty()) {
            return;
        }
        TopicReport t = r.topics().get();
        sb.append("<h2>Feedback topics</h2>\n<p class=\"muted\">").append(HtmlRenderer.get(m, "topics", "all", "texts"))
                .append(" texts. Trend: the last period against the earlier ones, two-proportion z-test at 5%.</p>\n");
        List<String> metrics = List.of("texts", "share_percent", "last_period_percent", "earlier_percent", "p_value", "trend");
        sb.append("<table><tr><th>#</th><th class=\"l\">topic</th>");
        metrics.forEach(x -> sb.append("<th>").append(x.replace('_', ' ')).append("</th>"));
        sb.append("</tr>");
        int rank = 1;
        for (TopicTrend trend : t.trends()) {
            String item = rank + " " + trend.topic();
            sb.append("<tr><td>").append(rank++).append("</td><td class=\"l\">").append(Fmt.xml(trend.topic())).append("</td>");
            metrics.forEach(x -> sb.append("<td>").append(Fmt.xml(HtmlRenderer.get(m, "topic", item, x))).append("</td>"));
            sb.append("</tr>");
        }
        sb.append("</table>\n<div class=\"charts\">");
        List<String> labels = t.periods().stream().map(p -> p.start().toString()).toList();
        for (TopicTrend trend : t.trends().subList(0, Math.min(CHARTS, t.trends().size()))) {
            List<Double> values = new ArrayList<>();
            double max = 10;
            for (PeriodTopics p : t.periods()) {
                double v = Double.parseDouble(HtmlRenderer.get(m, "topic_period", p.start() + " " + trend.topic(), "percent"));
                values.add(v);
                max = Math.max(max, v);
            }
            String color = switch (trend.direction()) {
                case RISING -> Svg.RED;
                case FALLING -> Svg.GREEN;
                case STEADY -> Svg.BLUE;
            };
            sb.append("<div class=\"chart\">").append(Svg.line(trend.topic() + " (% of texts)", labels, values, 0,
                    Math.ceil(max / 10) * 10, color)).append("</div>");
        }
        sb.append("</div>\n");
        groups(sb, "By sentiment", t.bySentiment().keySet().stream().map(Enum::name).toList(),
                t.bySentiment().values().stream().toList());
        groups(sb, "By product", List.copyOf(t.byProduct().keySet()), List.copyOf(t.byProduct().values()));
    }

    /** One column per group, its topics ranked down the column. */
    private static void groups(StringBuilder sb, String heading, List<String> names, List<List<TopicCount>> lists) {
        if (names.isEmpty()) {
            return;
        }
        sb.append("<h3>").append(heading).append("</h3><table><tr><th>#</th>");
        names.forEach(n -> sb.append("<th class=\"l\">").append(Fmt.xml(n)).append("</th>"));
        sb.append("</tr>");
        int rows = lists.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < rows; i++) {
            sb.append("<tr><td>").append(i + 1).append("</td>");
            for (List<TopicCount> list : lists) {
                sb.append("<td class=\"l\">");
                if (i < list.size()) {
                    sb.append(Fmt.xml(list.get(i).topic())).append(" (").append(list.get(i).texts()).append(')');
                }
                sb.append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</table>\n");
    }
}
