package io.crmkit.analytics.report;

import io.crmkit.analytics.satisfaction.TrendPoint;
import io.crmkit.analytics.value.CohortRetention;
import io.crmkit.analytics.value.RfmSegment;
import io.crmkit.core.satisfaction.SurveyKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The HTML page: well-formed XHTML-style markup, inline CSS and SVG, no script, no external resource. */
final class HtmlRenderer {
    private static final String CSS = "body{font-family:system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',"
            + "sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}"
            + "h1{font-size:24px;margin-bottom:4px}h2{font-size:19px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}"
            + "h3{font-size:15px;margin:18px 0 6px}.muted{color:#777;font-size:13px}.bar{display:inline-block;height:10px;background:#4e79a7}"
            + "table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:right}"
            + "th{background:#f4f6f8}td.l,th.l{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:16px}"
            + ".chart{background:#fbfbfb;border:1px solid #eee}"
            + ".kpis{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}.kpi{border:1px solid #e3e3e3;border-radius:6px;"
            + "padding:10px 14px;min-width:150px}.kpi b{display:block;font-size:22px}";

    private HtmlRenderer() {
    }

    static String render(AnalyticsReport r) {
        Map<String, String> m = new HashMap<>();
        for (AnalyticsReport.Metric metric : r.metrics()) {
            m.put(metric.section() + "|" + metric.item() + "|" + metric.metric(), metric.value());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"/>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>")
                .append(Fmt.xml(r.title())).append("</title><style>").append(CSS).append("</style></head><body>\n");
        sb.append("<h1>").append(Fmt.xml(r.title())).append("</h1><p class=\"muted\">Generated ")
                .append(Fmt.xml(r.generatedText())).append("</p>\n");
        satisfaction(r, m, sb);
        value(r, m, sb);
        ServicePart.html(r.service(), m, sb);
        PipelinePart.html(r.pipeline(), m, sb);
        CampaignPart.html(r, m, sb);
        TopicPart.html(r, m, sb);
        QualityPart.html(r, m, sb);
        sb.append("<p class=\"muted\">The same numbers are in the plain text and CSV files of this report.</p>");
        return sb.append("</body></html>\n").toString();
    }

    static String get(Map<String, String> m, String section, String item, String metric) {
        return m.getOrDefault(section + "|" + item + "|" + metric, "");
    }

    private static void satisfaction(AnalyticsReport r, Map<String, String> m, StringBuilder sb) {
        sb.append("<h2>Satisfaction</h2>\n");
        if (r.satisfaction().isEmpty()) {
            sb.append("<p>No survey responses.</p>\n");
            return;
        }
        sb.append("<div class=\"kpis\">");
        for (SatisfactionSection s : r.satisfaction()) {
            String k = s.kind().name();
            switch (s.kind()) {
                case CSAT -> kpi(sb, "CSAT", get(m, "satisfaction", k, "csat_percent") + "%",
                        "± " + get(m, "satisfaction", k, "csat_margin_percent") + " points, n = " + get(m, "satisfaction", k, "count"));
                case NPS -> kpi(sb, "NPS", get(m, "satisfaction", k, "nps"),
                        "± " + get(m, "satisfaction", k, "nps_margin") + ", n = " + get(m, "satisfaction", k, "count"));
                case CES -> kpi(sb, "CES (1 easy - 7 hard)", get(m, "satisfaction", k, "ces"),
                        "n = " + get(m, "satisfaction", k, "count"));
            }
        }
        sb.append("</div>\n<table><tr><th class=\"l\">survey</th><th>responses</th><th>mean</th><th>95% CI of mean</th>")
                .append("<th>median</th><th>std dev</th><th>trend slope / period</th><th>trend p-value</th></tr>");
        for (SatisfactionSection s : r.satisfaction()) {
            String k = s.kind().name();
            String slope = get(m, "satisfaction", k, "trend_slope_per_" + s.trend().granularity().name().toLowerCase(java.util.Locale.ROOT));
            sb.append("<tr><td class=\"l\">").append(k).append("</td><td>").append(get(m, "satisfaction", k, "count"))
                    .append("</td><td>").append(get(m, "satisfaction", k, "mean")).append("</td><td>")
                    .append(get(m, "satisfaction", k, "mean_ci95_low")).append(" – ").append(get(m, "satisfaction", k, "mean_ci95_high"))
                    .append("</td><td>").append(get(m, "satisfaction", k, "median")).append("</td><td>")
                    .append(get(m, "satisfaction", k, "std_dev")).append("</td><td>").append(slope).append("</td><td>")
                    .append(get(m, "satisfaction", k, "trend_p_value")).append("</td></tr>");
        }
        sb.append("</table>\n");
        for (SatisfactionSection s : r.satisfaction()) {
            String k = s.kind().name();
            sb.append("<h3>").append(k).append("</h3><div class=\"charts\">");
            List<String> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            List<String> valueLabels = new ArrayList<>();
            List<String> colors = new ArrayList<>();
            for (int score = s.kind().min(); score <= s.kind().max(); score++) {
                String count = get(m, "distribution", k, "score_" + score);
                labels.add(Integer.toString(score));
                values.add(Double.parseDouble(count));
                valueLabels.add(count);
                colors.add(color(s.kind(), score));
            }
            sb.append(Svg.bars(k + ": responses per score", labels, values, valueLabels, colors));
            List<String> periods = new ArrayList<>();
            List<Double> means = new ArrayList<>();
            for (TrendPoint p : s.trend().points()) {
                String item = k + " " + p.start();
                periods.add(p.start().toString().substring(0, s.trend().granularity() == io.crmkit.analytics.satisfaction.Granularity.MONTH ? 7 : 10));
                means.add(Double.parseDouble(get(m, "trend", item, "mean")));
            }
            sb.append(Svg.line(k + ": mean score per " + s.trend().granularity().name().toLowerCase(java.util.Locale.ROOT),
                    periods, means, s.kind().min(), s.kind().max(), Svg.BLUE));
            if (s.kind() == SurveyKind.NPS) {
                double pr = Double.parseDouble(get(m, "satisfaction", k, "promoters_percent")) / 100;
                double pa = Double.parseDouble(get(m, "satisfaction", k, "passives_percent")) / 100;
                double de = Double.parseDouble(get(m, "satisfaction", k, "detractors_percent")) / 100;
                sb.append(Svg.stacked("NPS: detractors, passives, promoters",
                        List.of("detractors " + get(m, "satisfaction", k, "detractors_percent") + "%",
                                "passives " + get(m, "satisfaction", k, "passives_percent") + "%",
                                "promoters " + get(m, "satisfaction", k, "promoters_percent") + "%"),
                        List.of(de, pa, pr), List.of(Svg.RED, Svg.GREY, Svg.GREEN)));
            }
            sb.append("</div>\n");
        }
    }

    private static String color(SurveyKind kind, int score) {
        return switch (kind) {
            case NPS -> score >= 9 ? Svg.GREEN : score >= 7 ? Svg.GREY : Svg.RED;
            case CSAT -> score >= 4 ? Svg.GREEN : score == 3 ? Svg.GREY : Svg.RED;
            case CES -> score <= 2 ? Svg.GREEN : score <= 5 ? Svg.GREY : Svg.RED;
        };
    }

    static void kpi(StringBuilder sb, String name, String value, String note) {
        sb.append("<div class=\"kpi\"><span class=\"muted\">").append(Fmt.xml(name)).append("</span><b>")
                .append(Fmt.xml(value)).append("</b><span class=\"muted\">").append(Fmt.xml(note)).append("</span></div>");
    }

    private static void value(AnalyticsReport r, Map<String, String> m, StringBuilder sb) {
        sb.append("<h2>Customer value</h2>\n");
        if (r.value().isEmpty()) {
            sb.append("<p>No purchases.</p>\n");
            return;
        }
        ValueSection v = r.value().get();
        sb.append("<div class=\"kpis\">");
        kpi(sb, "customers", get(m, "value", "all", "customers"), "with a purchase");
        kpi(sb, "revenue", get(m, "value", "all", "revenue"), v.topCustomers().isEmpty() ? ""
                : v.topCustomers().get(0).value().currency().getCurrencyCode());
        kpi(sb, "top 20% of customers", get(m, "value", "all", "top20_revenue_percent") + "%", "of revenue");
        kpi(sb, "80% of revenue from", get(m, "value", "all", "customers_for_80_percent_revenue_percent") + "%", "of customers");
        sb.append("</div><div class=\"charts\">");
        sb.append(Svg.lorenz("Revenue concentration (Pareto)", v.lorenz(), v.pareto().topFifthShare(),
                v.pareto().customerShareFor80Percent()));
        List<String> labels = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        for (RfmSegment s : RfmSegment.values()) {
            labels.add(s.label());
            counts.add(Double.parseDouble(get(m, "segment", s.name(), "customers")));
        }
        sb.append(Svg.horizontalBars("Customers per RFM segment", labels, counts, Svg.BLUE));
        sb.append("</div>\n");

        sb.append("<h3>Retention by first-purchase month</h3><table><tr><th class=\"l\">cohort</th><th>customers</th>");
        int months = 0;
        for (CohortRetention.Cohort c : v.cohorts().cohorts()) {
            months = Math.max(months, c.active().size() - 1);
        }
        for (int i = 1; i <= months; i++) {
            sb.append("<th>+").append(i).append("</th>");
        }
        sb.append("</tr>");
        for (CohortRetention.Cohort c : v.cohorts().cohorts()) {
            String item = c.month().toString();
            sb.append("<tr><td class=\"l\">").append(item).append("</td><td>").append(get(m, "cohort", item, "customers")).append("</td>");
            for (int i = 1; i <= months; i++) {
                String pct = get(m, "cohort", item, "retained_month_" + i + "_percent");
                if (pct.isEmpty()) {
                    sb.append("<td></td>");
                } else {
                    double share = Double.parseDouble(pct) / 100;
                    int light = (int) Math.round(255 - 150 * Math.min(1, share * 2));
                    sb.append("<td style=\"background:rgb(").append(light).append(',').append(Math.min(255, light + 20))
                            .append(",255)\">").append(pct).append("%</td>");
                }
            }
            sb.append("</tr>");
        }
        sb.append("</table>\n");

        sb.append("<h3>Top customers</h3><table><tr><th>#</th><th class=\"l\">customer</th><th>purchases</th><th>total</th>")
                .append("<th>average</th><th>RFM</th><th class=\"l\">segment</th></tr>");
        int rank = 1;
        for (TopCustomer t : v.topCustomers()) {
            String item = rank + " " + t.name();
            sb.append("<tr><td>").append(rank).append("</td><td class=\"l\">").append(Fmt.xml(t.name())).append("</td><td>")
                    .append(get(m, "customer", item, "purchases")).append("</td><td>").append(get(m, "customer", item, "total"))
                    .append("</td><td>").append(get(m, "customer", item, "average")).append("</td><td>")
                    .append(get(m, "customer", item, "rfm")).append("</td><td class=\"l\">")
                    .append(Fmt.xml(t.rfm().segment().label())).append("</td></tr>");
            rank++;
        }
        sb.append("</table>\n");
    }
}
