package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.marketing.Attribution;
import io.crmkit.core.marketing.AttributionModel;
import io.crmkit.core.marketing.Campaign;
import io.crmkit.core.marketing.CampaignResults;
import io.crmkit.core.marketing.CampaignStatus;
import io.crmkit.core.marketing.MemberStatus;
import io.crmkit.core.marketing.NewCampaign;
import io.crmkit.core.marketing.Segment;
import io.crmkit.core.marketing.SendReport;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.core.sales.NewOpportunity;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.testkit.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A campaign from segment to results on every database: members in batches, sends through the outbox linked to the
 * campaign, a resend that sends nobody twice, delivery reports, conversions from purchases and a won opportunity in
 * SQL, and attribution.
 */
class CampaignsOnDatabasesTest {
    private final List<AutoCloseable> opened = new ArrayList<>();
    private TestDb db;
    private String prefix;

    /** Hands out SMS-1, SMS-2, ... */
    private static final class Gateway implements MessageChannel {
        private final AtomicInteger ids = new AtomicInteger();

        @Override
        public ChannelKind kind() {
            return ChannelKind.SMS;
        }

        @Override
        public DeliveryReceipt send(OutboundMessage message) {
            return new DeliveryReceipt("SMS-" + ids.incrementAndGet());
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        if (db != null && db != TestDb.H2) {
            TestDb.dropTables(db.url(), prefix);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void fromSegmentToResults(TestDb which) {
        which.assumeAvailable();
        db = which;
        prefix = TestDb.newPrefix();
        TestClock clock = TestClock.at(Instant.parse("2026-03-02T02:00:00Z"));
        JdbcStorage storage = which.builder(prefix).build();
        Crm crm = Crm.builder().storage(storage).clock(clock)
                .messaging(MessagingSettings.builder().channel(new Gateway()).build())
                .marketing(io.crmkit.core.marketing.MarketingSettings.builder().batchSize(2).build()).build();
        opened.add(crm);

        List<Customer> vip = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            vip.add(crm.customers().create(NewCustomer.person("客户 '" + i).phone("1380013800" + i).tag("vip")
                    .consent(ContactChannel.SMS, i == 4 ? ConsentStatus.OPTED_OUT : ConsentStatus.OPTED_IN, "web")));
        }
        crm.customers().create(NewCustomer.person("other").phone("13800138009"));
        Campaign c = crm.campaigns().create(NewCampaign.of("春季 🌸", ChannelKind.SMS, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31), new BigDecimal("120.00"), "CNY").template(MessageTemplate.text("{{name}}您好")));
        crm.campaigns().transition(c.id(), CampaignStatus.SCHEDULED, null);

        assertThat(crm.campaigns().addMembers(c.id(), Segment.of(CustomerQuery.all().tag("vip")))).isEqualTo(5);
        assertThat(crm.campaigns().addMembers(c.id(), Segment.of(CustomerQuery.all().tag("vip")))).isZero();
        Instant sent = clock.instant();
        assertThat(crm.campaigns().send(c.id())).isEqualTo(new SendReport(4, 0, 1));
        assertThat(crm.campaigns().send(c.id())).isEqualTo(new SendReport(0, 0, 0));
        assertThat(crm.messaging().dispatchPending()).isEqualTo(4);
        assertThat(crm.interactions().timeline(vip.get(0).id(), TimelineQuery.all(), PageRequest.first(5)).items())
                .singleElement().satisfies(i -> assertThat(i.links())
                        .contains(new RecordLink(RecordLink.Type.CAMPAIGN, c.id().value())));

        String provider = crm.messaging().require(crm.campaigns().member(c.id(), vip.get(1).id()).orElseThrow()
                .messageId().orElseThrow()).providerMessageId().orElseThrow();
        crm.messaging().reportDelivery(provider, DeliveryStatus.DELIVERED, null);
        assertThat(crm.campaigns().member(c.id(), vip.get(1).id()).orElseThrow().status()).isEqualTo(MemberStatus.DELIVERED);

        clock.advance(Duration.ofDays(1));
        crm.campaigns().markResponded(c.id(), vip.get(2).id());
        crm.purchases().record(NewPurchase.of(vip.get(0).id(), new BigDecimal("80.50"), "CNY").occurredAt(sent.plusSeconds(3600)));
        crm.purchases().record(NewPurchase.of(vip.get(0).id(), new BigDecimal("9"), "CNY").occurredAt(sent.plus(Duration.ofDays(31))));
        Opportunity o = crm.opportunities().create(NewOpportunity.of(vip.get(3).id(), "deal", new BigDecimal("1000"), "CNY",
                LocalDate.of(2026, 4, 1)).sourceCampaign(c.id()));
        crm.opportunities().win(o.id(), null);

        CampaignResults r = crm.campaigns().results(c.id());
        assertThat(r.members()).isEqualTo(5);
        assertThat(r.sent()).isEqualTo(4);
        assertThat(r.delivered()).isEqualTo(1);
        assertThat(r.optedOut()).isEqualTo(1);
        assertThat(r.converted()).isEqualTo(2);
        assertThat(r.responded()).isEqualTo(3);
        assertThat(r.costPerResponse()).contains(new BigDecimal("40.0000"));
        assertThat(r.revenue()).containsOnly(Map.entry(Currency.getInstance("CNY"), new BigDecimal("1080.50")));

        clock.advance(Duration.ofDays(40));
        Attribution a = crm.campaigns().attribute(AttributionModel.LAST_TOUCH, sent, clock.instant());
        assertThat(a.conversions()).isEqualTo(1);
        assertThat(a.rows()).singleElement().satisfies(row -> assertThat(row.revenue()).isEqualTo(new BigDecimal("80.5000")));
    }
}
