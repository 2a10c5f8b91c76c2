package io.crmkit.analytics.report;

import io.crmkit.core.CrmServices;
import io.crmkit.core.PageRequest;
import io.crmkit.core.marketing.Attribution;
import io.crmkit.core.marketing.AttributionModel;
import io.crmkit.core.marketing.Campaign;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.marketing.CampaignQuery;
import io.crmkit.core.marketing.CampaignResults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes, lists and draws the {@link CampaignSection} of a report. */
final class CampaignPart {
    private CampaignPart() {
    }

    /** The section over the campaigns the actor of {@code crm} may read; empty when there are none. */
    static Optional<CampaignSection> compute(CrmServices crm, Instant from, Instant to) {
        List<Campaign> campaigns = crm.campaigns().search(CampaignQuery.all(), PageRequest.first(CampaignSection.MAX_CAMPAIGNS))
                .items();
        if (campaigns.isEmpty()) {
            return Optional.empty();
        }
        List<CampaignSection.Funnel> funnels = new ArrayList<>();
        Map<CampaignId, String> names = new HashMap<>();
        for (Campaign c : campaigns) {
            funnels.add(new CampaignSection.Funnel(c.name(), c.status().name(), crm.campaigns().results(c.id())));
            names.put(c.id(), c.name());
        }
        Map<AttributionModel, Attribution> attribution = new EnumMap<>(AttributionModel.class);
        for (AttributionModel model : AttributionModel.values()) {
            Attribution a = crm.campaigns().attribute(model, from, to);
            attribution.put(model, a);
            a.rows().forEach(r -> names.computeIfAbsent(r.campaignId(),
                    id -> crm.campaigns().get(id).map(Campaign::name).orElse(id.toString())));
        }
        return Optional.of(new CampaignSection(funnels, attribution, names));
    }

    static void metrics(CampaignSection s, List<AnalyticsReport.Metric> out) {
        int rank = 1;
        for (CampaignSection.Funnel f : s.campaigns()) {
            String item = rank++ + " " + f.name();
            CampaignResults r = f.results();
            out.add(new AnalyticsReport.Metric("campaign", item, "status", f.status()));
            out.add(new AnalyticsReport.Metric("campaign", item, "members", Long.toString(r.members())));
            out.add(new AnalyticsReport.Metric("campaign", item, "sent", Long.toString(r.sent())));
            out.add(new AnalyticsReport.Metric("campaign", item, "delivered", Long.toString(r.delivered())));
            out.add(new AnalyticsReport.Metric("campaign", item, "failed", Long.toString(r.failed())));
            out.add(new AnalyticsReport.Metric("campaign", item, "responded", Long.toString(r.responded())));
            out.add(new AnalyticsReport.Metric("campaign", item, "opted_out", Long.toString(r.optedOut())));
            out.add(new AnalyticsReport.Metric("campaign", item, "converted", Long.toString(r.converted())));
            out.add(new AnalyticsReport.Metric("campaign", item, "cost_per_response",
                    r.costPerResponse().map(Fmt::money).orElse("-")));
        }
        Map<CampaignId, String> labels = labels(s.names());
        s.attribution().forEach((model, a) -> a.rows().forEach(r -> out.add(new AnalyticsReport.Metric("attribution",
                model.name() + " " + labels.getOrDefault(r.campaignId(), r.campaignId().toString()) + " " + r.currency(),
                "revenue", Fmt.money(r.revenue())))));
    }

    /** Each campaign's name, with the end of its id where two campaigns share a name, so their rows stay apart. */
    static Map<CampaignId, String> labels(Map<CampaignId, String> names) {
        Map<String, Integer> uses = new HashMap<>();
        names.values().forEach(n -> uses.merge(n, 1, Integer::sum));
        Map<CampaignId, String> labels = new HashMap<>();
        names.forEach((id, name) -> {
            String hex = id.value().toString();
            labels.put(id, uses.getOrDefault(name, 0) > 1 ? name + " (" + hex.substring(hex.length() - 8) + ")" : name);
        });
        return labels;
    }

    static void html(AnalyticsReport r, Map<String, String> m, StringBuilder sb) {
        sb.append("<h2>Campaigns</h2>\n");
        if (r.campaigns().isEmpty()) {
            sb.append("<p>No campaigns.</p>\n");
            return;
        }
        CampaignSection s = r.campaigns().get();
        List<String> metrics = List.of("status", "members", "sent", "delivered", "failed", "responded", "opted_out",
                "converted", "cost_per_response");
        sb.append("<table><tr><th class=\"l\">campaign</th>");
        metrics.forEach(x -> sb.append("<th>").append(x.replace('_', ' ')).append("</th>"));
        sb.append("</tr>");
        int rank = 1;
        for (CampaignSection.Funnel f : s.campaigns()) {
            String item = rank++ + " " + f.name();
            sb.append("<tr><td class=\"l\">").append(Fmt.xml(f.name())).append("</td>");
            metrics.forEach(x -> sb.append("<td>").append(Fmt.xml(HtmlRenderer.get(m, "campaign", item, x))).append("</td>"));
            sb.append("</tr>");
        }
        sb.append("</table>\n<h3>Revenue of the period attributed to campaigns</h3><table><tr><th class=\"l\">model</th>")
                .append("<th class=\"l\">campaign and currency</th><th>revenue</th></tr>");
        for (AnalyticsReport.Metric x : r.metrics()) {
            if (x.section().equals("attribution")) {
                int space = x.item().indexOf(' ');
                sb.append("<tr><td class=\"l\">").append(Fmt.xml(x.item().substring(0, space))).append("</td><td class=\"l\">")
                        .append(Fmt.xml(x.item().substring(space + 1))).append("</td><td>").append(Fmt.xml(x.value()))
                        .append("</td></tr>");
            }
        }
        sb.append("</table>\n");
    }
}
