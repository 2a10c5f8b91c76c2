package io.crmkit.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.marketing.Campaign;
import io.crmkit.core.marketing.CampaignStatus;
import io.crmkit.core.marketing.NewCampaign;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.testkit.RecordingChannel;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The campaigns part: two campaigns of one name keep their attribution rows apart. */
class CampaignReportPartTest {
    private static final Instant NOW = Instant.parse("2026-03-10T02:00:00Z");

    @Test
    void twoCampaignsOfOneNameKeepTheirAttributedRevenueApart() {
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .messaging(MessagingSettings.builder().channel(RecordingChannel.of(ChannelKind.SMS)).build()).build()) {
            Campaign first = campaign(crm);
            Campaign second = campaign(crm);
            buyAfter(crm, first, "13800138001", "100");
            buyAfter(crm, second, "13800138002", "30");

            AnalyticsReport r = AnalyticsReport.builder(crm).period(NOW.minusSeconds(3600), NOW.plusSeconds(3600)).build();

            List<AnalyticsReport.Metric> rows = r.metrics().stream()
                    .filter(m -> m.section().equals("attribution") && m.item().startsWith("LINEAR ")).toList();
            assertThat(rows).extracting(AnalyticsReport.Metric::item).doesNotHaveDuplicates().hasSize(2)
                    .allSatisfy(item -> assertThat(item).startsWith("LINEAR 春促 (").endsWith(") CNY"));
            assertThat(rows).extracting(AnalyticsReport.Metric::value).containsExactlyInAnyOrder("100.00", "30.00");
            String end = first.id().value().toString().substring(28);
            assertThat(r.value("attribution", "LINEAR 春促 (" + end + ") CNY", "revenue")).contains("100.00");
        }
    }

    private static Campaign campaign(Crm crm) {
        Campaign c = crm.campaigns().create(NewCampaign.of("春促", ChannelKind.SMS, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31), BigDecimal.TEN, "CNY").template(MessageTemplate.text("hi")));
        crm.campaigns().transition(c.id(), CampaignStatus.SCHEDULED, null);
        return c;
    }

    private static void buyAfter(Crm crm, Campaign c, String phone, String amount) {
        Customer who = crm.customers().create(NewCustomer.person("客户" + phone).phone(phone)
                .consent(ContactChannel.SMS, ConsentStatus.OPTED_IN, "web"));
        crm.campaigns().addMembers(c.id(), List.of(who.id()));
        crm.campaigns().send(c.id());
        crm.purchases().record(NewPurchase.of(who.id(), new BigDecimal(amount), "CNY").occurredAt(NOW));
    }
}
