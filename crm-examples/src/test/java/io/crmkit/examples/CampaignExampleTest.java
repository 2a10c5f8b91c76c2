package io.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.jdbc.JdbcStorage;
import io.crmkit.core.spi.CrmStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignExampleTest {
    private static List<String> run(CrmStorage storage) {
        List<String> lines = new ArrayList<>();
        try (Crm crm = Crm.builder().storage(storage).clock(Clock.fixed(CampaignExample.NOW, ZoneOffset.UTC))
                .messaging(MessagingSettings.builder().channel(CampaignExample.printingGateway(lines)).build()).build()) {
            return CampaignExample.run(crm, lines);
        }
    }

    private static void check(List<String> lines) {
        assertThat(lines).containsExactly(
                "members: 4",
                "sent 2, failed 1, opted out 1",
                "SMS to +8613800138000: 张伟您好，春季会员日全场八折",
                "SMS to +8613900139000: 李娜您好，春季会员日全场八折",
                "sent again: 0",
                "responded 1, converted 1, cost per response 200.0000 CNY, revenue {CNY=388.00}",
                "an A/B test from 10 % to 12 % needs 3841 members per variant");
    }

    @Test
    void inMemory() {
        check(run(InMemoryStorage.create()));
    }

    @Test
    void onTheEmbeddedDatabase(@TempDir Path dir) {
        check(run(JdbcStorage.embedded(dir.resolve("crm"))));
    }

    @Test
    void theReportShowsTheFunnelAndTheAttributedRevenue() {
        List<String> lines = new ArrayList<>();
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(Clock.fixed(CampaignExample.NOW, ZoneOffset.UTC))
                .messaging(MessagingSettings.builder().channel(CampaignExample.printingGateway(lines)).build()).build()) {
            CampaignExample.run(crm, lines);
            io.crmkit.analytics.report.AnalyticsReport r = io.crmkit.analytics.report.AnalyticsReport.builder(crm)
                    .currency(java.util.Currency.getInstance("CNY")) // the example's purchase is two days after its send
                    .period(CampaignExample.NOW, CampaignExample.NOW.plus(java.time.Duration.ofDays(3))).build();
            String campaign = r.campaigns().orElseThrow().campaigns().get(0).name();
            io.crmkit.core.marketing.CampaignResults results = r.campaigns().orElseThrow().campaigns().get(0).results();
            String item = "1 " + campaign;
            assertThat(r.value("campaign", item, "members")).contains("4");
            assertThat(r.value("campaign", item, "sent")).contains("2");
            assertThat(r.value("campaign", item, "responded")).contains("1");
            assertThat(r.value("campaign", item, "converted")).contains("1");
            assertThat(r.value("campaign", item, "cost_per_response")).contains("200.00");
            assertThat(results.revenue()).containsKey(java.util.Currency.getInstance("CNY"));
            for (io.crmkit.core.marketing.AttributionModel model : io.crmkit.core.marketing.AttributionModel.values()) {
                assertThat(r.value("attribution", model + " " + campaign + " CNY", "revenue"))
                        .as("one campaign takes the whole revenue by %s", model).contains("388.00");
            }
            assertThat(r.toHtml()).contains("<h2>Campaigns</h2>").contains(campaign);
            assertThat(r.toText()).contains("Revenue attributed to campaigns");
        }
    }
}
