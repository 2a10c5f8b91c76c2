package io.crmkit.core.marketing;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Pages;
import io.crmkit.core.PageRequest;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.LifecycleStage;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.sales.NewOpportunity;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.security.Actor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Members from segments and lists, sending through messaging, delivery reports and results, numbers by hand. */
class CampaignMembersTest {
    private final MutableClock clock = MutableClock.at("2026-03-02T02:00:00Z"); // 10:00 in Shanghai
    private final Recorder sms = new Recorder();
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private final Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).listener(events::add)
            .messaging(MessagingSettings.builder().channel(sms).build())
            .marketing(MarketingSettings.builder().batchSize(2).conversionWindow(Duration.ofDays(7)).build())
            .build();
    private final CampaignService campaigns = crm.campaigns();

    /** Records what it is asked to send and hands out ids SMS-1, SMS-2, ... */
    static final class Recorder implements MessageChannel {
        final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
        private final AtomicInteger ids = new AtomicInteger();

        @Override
        public ChannelKind kind() {
            return ChannelKind.SMS;
        }

        @Override
        public DeliveryReceipt send(OutboundMessage message) {
            sent.add(message);
            return new DeliveryReceipt("SMS-" + ids.incrementAndGet());
        }
    }

    @AfterEach
    void close() {
        crm.close();
    }

    private Customer customer(String name, String phone, ConsentStatus consent, String... tags) {
        NewCustomer c = NewCustomer.person(name).phone(phone).tag(tags);
        if (consent != null) {
            c.consent(ContactChannel.SMS, consent, "web form");
        }
        return crm.customers().create(c);
    }

    private Campaign running(String name) {
        Campaign c = campaigns.create(NewCampaign.of(name, ChannelKind.SMS, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31), new BigDecimal("300"), "CNY")
                .template(MessageTemplate.text("{{name}}您好，{{campaign}}开始了")));
        campaigns.transition(c.id(), CampaignStatus.SCHEDULED, null);
        return c;
    }

    private List<CampaignMember> members(Campaign c) {
        return Pages.all(p -> campaigns.members(c.id(), p), 1);
    }

    @Test
    void aSegmentAddsEveryMatchingCustomerOnceAcrossBatches() {
        Customer a = customer("甲", "13800138001", ConsentStatus.OPTED_IN, "vip", "north");
        Customer b = customer("乙", "13800138002", ConsentStatus.OPTED_IN, "vip");
        Customer c = customer("丙", "13800138003", ConsentStatus.OPTED_OUT, "vip", "north");
        Customer d = customer("丁", "13800138004", null, "vip", "north");
        Customer e = customer("戊", "13800138005", ConsentStatus.OPTED_IN, "north");
        Campaign campaign = running("春季");

        assertThat(campaigns.addMembers(campaign.id(), Segment.of(CustomerQuery.all().tag("vip")))).isEqualTo(4);
        assertThat(members(campaign)).extracting(CampaignMember::customerId)
                .containsExactlyInAnyOrder(a.id(), b.id(), c.id(), d.id());
        assertThat(campaigns.addMembers(campaign.id(), Segment.of(CustomerQuery.all()).tags("VIP", "north"))).isZero();
        assertThat(campaigns.addMembers(campaign.id(), Segment.of(CustomerQuery.all()).tags("north").optedIn())).isEqualTo(1);
        assertThat(members(campaign)).extracting(CampaignMember::customerId).contains(e.id()).hasSize(5);
        assertThat(members(campaign)).allMatch(m -> m.status() == MemberStatus.TARGETED
                && m.addedAt().equals(clock.instant()) && m.messageId().isEmpty());
        assertThat(events).filteredOn(x -> x instanceof CampaignEvent.MembersAdded).extracting(x -> ((CampaignEvent.MembersAdded) x).added())
                .containsExactly(2, 2, 1);
    }

    @Test
    void aSegmentByStageAndLastPurchase() {
        Customer recent = customer("近", "13800138001", ConsentStatus.OPTED_IN);
        Customer lapsed = customer("远", "13800138002", ConsentStatus.OPTED_IN);
        Customer never = customer("无", "13800138003", ConsentStatus.OPTED_IN);
        Customer lead = crm.customers().create(NewCustomer.person("潜在").stage(LifecycleStage.PROSPECT));
        Instant cutoff = clock.instant().minus(Duration.ofDays(90));
        crm.purchases().record(NewPurchase.of(recent.id(), new BigDecimal("10"), "CNY").occurredAt(cutoff.minusSeconds(5)));
        crm.purchases().record(NewPurchase.of(recent.id(), new BigDecimal("10"), "CNY").occurredAt(cutoff.plusSeconds(5)));
        crm.purchases().record(NewPurchase.of(lapsed.id(), new BigDecimal("10"), "CNY").occurredAt(cutoff.minusSeconds(5)));
        Campaign campaign = running("召回");

        assertThat(campaigns.addMembers(campaign.id(), Segment.of(CustomerQuery.all()).lastPurchaseBefore(cutoff))).isEqualTo(1);
        assertThat(campaigns.member(campaign.id(), lapsed.id())).isPresent();
        Campaign second = running("回购");
        assertThat(campaigns.addMembers(second.id(), Segment.of(CustomerQuery.all()).lastPurchaseAfter(cutoff))).isEqualTo(1);
        assertThat(campaigns.member(second.id(), recent.id())).isPresent();
        assertThat(campaigns.member(second.id(), never.id())).isEmpty();
        Campaign leads = running("线索");
        assertThat(campaigns.addMembers(leads.id(), Segment.of(CustomerQuery.all().stage(LifecycleStage.PROSPECT)))).isEqualTo(1);
        assertThat(campaigns.member(leads.id(), lead.id())).isPresent();
    }

    @Test
    void aListAddsTheCustomersThatExistOnce() {
        Customer a = customer("甲", "13800138001", ConsentStatus.OPTED_IN);
        Customer b = customer("乙", "13800138002", ConsentStatus.OPTED_IN);
        Campaign campaign = running("名单");
        CustomerId unknown = new CustomerId(java.util.UUID.randomUUID());

        assertThat(campaigns.addMembers(campaign.id(), List.of(a.id(), b.id(), a.id(), unknown))).isEqualTo(2);
        assertThat(campaigns.addMembers(campaign.id(), List.of(b.id()))).isZero();
        campaigns.transition(campaign.id(), CampaignStatus.CANCELLED, null);
        assertThat(violationsOf(() -> campaigns.addMembers(campaign.id(), List.of(a.id())))).containsExactly("status:closed");
    }

    @Test
    void sendingGoesThroughMessagingOncePerMember() {
        Customer a = customer("张三", "13800138001", ConsentStatus.OPTED_IN);
        Customer b = customer("李四", "13800138002", ConsentStatus.OPTED_IN);
        Customer out = customer("王五", "13800138003", ConsentStatus.OPTED_OUT);
        Customer unasked = customer("赵六", "13800138004", null);
        Customer noPhone = crm.customers().create(NewCustomer.person("钱七").consent(ContactChannel.SMS, ConsentStatus.OPTED_IN, "call"));
        Campaign campaign = running("春季促销");
        campaigns.addMembers(campaign.id(), List.of(a.id(), b.id(), out.id(), unasked.id(), noPhone.id()));

        SendReport report = campaigns.send(campaign.id());

        assertThat(report).isEqualTo(new SendReport(2, 2, 1));
        assertThat(events).filteredOn(x -> x instanceof CampaignEvent.MembersChanged)
                .extracting(x -> ((CampaignEvent.MembersChanged) x).status())
                .containsExactlyInAnyOrder(MemberStatus.SENT, MemberStatus.SENT, MemberStatus.FAILED, MemberStatus.FAILED,
                        MemberStatus.OPTED_OUT);
        assertThat(Pages.all(p -> crm.audit().history(io.crmkit.core.security.RecordKind.CAMPAIGN, campaign.id().value(), p))
                .stream().flatMap(e -> e.changes().stream()).filter(ch -> ch.field().equals("membersAdded"))
                .mapToInt(ch -> Integer.parseInt(ch.newValue().orElseThrow())).sum()).as("members added, batch by batch")
                .isEqualTo(5);
        assertThat(campaigns.require(campaign.id()).status()).isEqualTo(CampaignStatus.RUNNING);
        CampaignMember sentA = campaigns.member(campaign.id(), a.id()).orElseThrow();
        assertThat(sentA.status()).isEqualTo(MemberStatus.SENT);
        assertThat(sentA.sentAt()).contains(clock.instant());
        assertThat(campaigns.member(campaign.id(), out.id()).orElseThrow())
                .satisfies(m -> assertThat(m.status()).isEqualTo(MemberStatus.OPTED_OUT))
                .satisfies(m -> assertThat(m.reason()).hasValueSatisfying(r -> assertThat(r).contains("opted out of SMS")));
        assertThat(campaigns.member(campaign.id(), unasked.id()).orElseThrow())
                .satisfies(m -> assertThat(m.status()).isEqualTo(MemberStatus.FAILED))
                .satisfies(m -> assertThat(m.reason()).contains("no consent to SMS on record"));
        assertThat(campaigns.member(campaign.id(), noPhone.id()).orElseThrow().reason()).contains("no phone number");

        OutboxMessage message = crm.messaging().require(sentA.messageId().orElseThrow());
        assertThat(message.message().idempotencyKey()).isEqualTo("campaign:" + campaign.id() + ":" + a.id());
        assertThat(((MessageContent.Sms) message.message().content()).text()).isEqualTo("张三您好，春季促销开始了");
        List<Interaction> timeline = crm.interactions().timeline(a.id(), TimelineQuery.all(), PageRequest.first(10)).items();
        assertThat(timeline).singleElement().satisfies(i -> assertThat(i.links())
                .contains(new RecordLink(RecordLink.Type.CAMPAIGN, campaign.id().value()),
                        new RecordLink(RecordLink.Type.MESSAGE, message.id().value())));

        assertThat(campaigns.send(campaign.id())).isEqualTo(new SendReport(0, 0, 0));
        Customer late = customer("孙八", "13800138005", ConsentStatus.OPTED_IN);
        campaigns.addMembers(campaign.id(), List.of(late.id(), a.id()));
        assertThat(campaigns.send(campaign.id())).isEqualTo(new SendReport(1, 0, 0));
        assertThat(crm.messaging().dispatchPending()).isEqualTo(3);
        assertThat(sms.sent).extracting(OutboundMessage::to).containsExactlyInAnyOrder("+8613800138001", "+8613800138002",
                "+8613800138005");
    }

    @Test
    void twoSendsAtOnceShareTheMembersAndStartTheCampaignOnce() throws Exception {
        Campaign campaign = running("双十一");
        List<CustomerId> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(customer("客户" + i, "138001381" + String.format("%02d", i), ConsentStatus.OPTED_IN).id());
        }
        campaigns.addMembers(campaign.id(), ids);
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<SendReport> send = () -> {
                together.await();
                return campaigns.send(campaign.id());
            };
            java.util.concurrent.Future<SendReport> one = pool.submit(send);
            java.util.concurrent.Future<SendReport> two = pool.submit(send);
            assertThat(one.get().sent() + two.get().sent()).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        assertThat(events).filteredOn(x -> x instanceof CampaignEvent.StatusChanged s && s.to() == CampaignStatus.RUNNING)
                .hasSize(1);
        assertThat(campaigns.require(campaign.id()).status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(crm.messaging().dispatchPending()).isEqualTo(20);
        assertThat(sms.sent).extracting(OutboundMessage::to).doesNotHaveDuplicates().hasSize(20);
    }

    @Test
    void aCampaignCancelledWhileItSendsStopsAtTheNextMember() {
        java.util.concurrent.atomic.AtomicReference<Runnable> afterSecond = new java.util.concurrent.atomic.AtomicReference<>();
        AtomicInteger sentEvents = new AtomicInteger();
        try (Crm stopping = Crm.builder().storage(InMemoryStorage.create()).clock(clock)
                .listener(e -> {
                    if (e instanceof CampaignEvent.MembersChanged m && m.status() == MemberStatus.SENT
                            && sentEvents.incrementAndGet() == 2) {
                        afterSecond.get().run();
                    }
                })
                .messaging(MessagingSettings.builder().channel(new Recorder()).build())
                .marketing(MarketingSettings.builder().batchSize(2).build()).build()) {
            CampaignService service = stopping.campaigns();
            Campaign c = service.create(NewCampaign.of("清仓", ChannelKind.SMS, LocalDate.of(2026, 3, 1),
                    LocalDate.of(2026, 3, 31), new BigDecimal("10"), "CNY").template(MessageTemplate.text("{{campaign}}")));
            service.transition(c.id(), CampaignStatus.SCHEDULED, null);
            List<CustomerId> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(stopping.customers().create(NewCustomer.person("客户" + i).phone("138001382" + i + "0")
                        .consent(ContactChannel.SMS, ConsentStatus.OPTED_IN, "web form")).id());
            }
            service.addMembers(c.id(), ids);
            afterSecond.set(() -> service.transition(c.id(), CampaignStatus.CANCELLED, "budget cut"));

            assertThat(service.send(c.id())).isEqualTo(new SendReport(2, 0, 0));
            assertThat(Pages.all(p -> service.members(c.id(), MemberStatus.TARGETED, p), 1)).hasSize(4);
            assertThat(service.require(c.id()).status()).isEqualTo(CampaignStatus.CANCELLED);
        }
    }

    @Test
    void aMemberWhoseMessageWasSentAlreadyIsNotSentTwice() {
        Customer a = customer("张三", "13800138001", ConsentStatus.OPTED_IN);
        Campaign campaign = running("x");
        campaigns.addMembers(campaign.id(), List.of(a.id()));
        // a crash between queueing and marking the member: the message exists under the campaign's key
        crm.messaging().send(io.crmkit.core.messaging.MessageRequest.sms(a.id()).text("early")
                .idempotencyKey("campaign:" + campaign.id() + ":" + a.id()));

        assertThat(campaigns.send(campaign.id())).isEqualTo(new SendReport(1, 0, 0));
        assertThat(crm.messaging().withStatus(DeliveryStatus.QUEUED, PageRequest.first(10)).items()).hasSize(1);
    }

    @Test
    void sendingNeedsASendingStatusATemplateAndAChannel() {
        Campaign draft = campaigns.create(NewCampaign.of("x", ChannelKind.SMS, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31), BigDecimal.ONE, "CNY"));
        assertThat(violationsOf(() -> campaigns.send(draft.id()))).containsExactly("status:not_sending");
        campaigns.transition(draft.id(), CampaignStatus.SCHEDULED, null);
        assertThat(violationsOf(() -> campaigns.send(draft.id()))).containsExactly("template:required");

        Campaign email = campaigns.create(NewCampaign.of("y", ChannelKind.EMAIL, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31), BigDecimal.ONE, "CNY").template(MessageTemplate.email("s", "t")));
        campaigns.transition(email.id(), CampaignStatus.SCHEDULED, null);
        Customer a = crm.customers().create(NewCustomer.person("a").email("a@example.com")
                .consent(ContactChannel.EMAIL, ConsentStatus.OPTED_IN, "web"));
        campaigns.addMembers(email.id(), List.of(a.id()));
        assertThat(violationsOf(() -> campaigns.send(email.id()))).containsExactly("kind:no_channel");
        assertThat(campaigns.member(email.id(), a.id()).orElseThrow().status()).isEqualTo(MemberStatus.TARGETED);
        assertThat(campaigns.require(email.id()).status()).isEqualTo(CampaignStatus.SCHEDULED);
    }

    @Test
    void deliveryReportsMoveMembers() {
        Customer a = customer("甲", "13800138001", ConsentStatus.OPTED_IN);
        Customer b = customer("乙", "13800138002", ConsentStatus.OPTED_IN);
        Campaign campaign = running("x");
        campaigns.addMembers(campaign.id(), List.of(a.id(), b.id()));
        campaigns.send(campaign.id());
        crm.messaging().dispatchPending();
        String providerA = crm.messaging().require(campaigns.member(campaign.id(), a.id()).orElseThrow().messageId().orElseThrow())
                .providerMessageId().orElseThrow();
        String providerB = crm.messaging().require(campaigns.member(campaign.id(), b.id()).orElseThrow().messageId().orElseThrow())
                .providerMessageId().orElseThrow();

        crm.messaging().reportDelivery(providerA, DeliveryStatus.DELIVERED, null);
        crm.messaging().reportDelivery(providerB, DeliveryStatus.FAILED, "unknown number");

        assertThat(campaigns.member(campaign.id(), a.id()).orElseThrow().status()).isEqualTo(MemberStatus.DELIVERED);
        CampaignMember failed = campaigns.member(campaign.id(), b.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(MemberStatus.FAILED);
        assertThat(failed.reachedAt(MemberStatus.SENT)).isPresent();
        CampaignResults r = campaigns.results(campaign.id());
        assertThat(r.sent()).isEqualTo(2);
        assertThat(r.delivered()).isEqualTo(1);
        assertThat(r.failed()).isEqualTo(1);
    }

    @Test
    void aPermanentFailureAndAFixedLineFailMembers() {
        MessageChannel broken = new MessageChannel() {
            @Override
            public ChannelKind kind() {
                return ChannelKind.SMS;
            }

            @Override
            public DeliveryReceipt send(OutboundMessage message) {
                throw io.crmkit.core.DeliveryException.permanent("number unknown to the gateway", null);
            }
        };
        try (Crm other = Crm.builder().storage(InMemoryStorage.create()).clock(clock)
                .messaging(MessagingSettings.builder().channel(broken).build()).build()) {
            Customer mobile = other.customers().create(NewCustomer.person("a").phone("13800138001")
                    .consent(ContactChannel.SMS, ConsentStatus.OPTED_IN, "web"));
            Customer fixed = other.customers().create(NewCustomer.person("b").phone("+861012345678")
                    .consent(ContactChannel.SMS, ConsentStatus.OPTED_IN, "web"));
            Campaign c = other.campaigns().create(NewCampaign.of("x", ChannelKind.SMS, LocalDate.of(2026, 3, 1),
                    LocalDate.of(2026, 3, 31), BigDecimal.ONE, "CNY").template(MessageTemplate.text("hi")));
            other.campaigns().transition(c.id(), CampaignStatus.SCHEDULED, null);
            other.campaigns().addMembers(c.id(), List.of(mobile.id(), fixed.id()));

            assertThat(other.campaigns().send(c.id())).isEqualTo(new SendReport(1, 1, 0));
            assertThat(other.campaigns().member(c.id(), fixed.id()).orElseThrow().reason())
                    .hasValueSatisfying(r -> assertThat(r).contains("fixed line"));
            other.messaging().dispatchPending();
            CampaignMember failed = other.campaigns().member(c.id(), mobile.id()).orElseThrow();
            assertThat(failed.status()).isEqualTo(MemberStatus.FAILED);
            assertThat(failed.reachedAt(MemberStatus.SENT)).isPresent();
            assertThat(other.campaigns().results(c.id()).failed()).isEqualTo(2);
        }
    }

    @Test
    void resultsCountedByHand() {
        List<Customer> c = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            c.add(customer("客户" + i, "1380013800" + i, i == 5 ? ConsentStatus.OPTED_OUT : ConsentStatus.OPTED_IN));
        }
        Campaign campaign = running("x");
        campaigns.addMembers(campaign.id(), c.stream().map(Customer::id).toList());
        Instant sentAt = clock.instant();
        campaigns.send(campaign.id()); // 5 sent, 1 opted out
        clock.advance(Duration.ofDays(1));
        campaigns.markResponded(campaign.id(), c.get(0).id());
        campaigns.markResponded(campaign.id(), c.get(1).id());
        // c0 buys 100 CNY within the window and 50 CNY after it; c2 buys 20 USD at the last second of the window
        crm.purchases().record(NewPurchase.of(c.get(0).id(), new BigDecimal("100"), "CNY").occurredAt(sentAt.plus(Duration.ofDays(2))));
        crm.purchases().record(NewPurchase.of(c.get(0).id(), new BigDecimal("50"), "CNY").occurredAt(sentAt.plus(Duration.ofDays(7))));
        crm.purchases().record(NewPurchase.of(c.get(2).id(), new BigDecimal("20"), "USD")
                .occurredAt(sentAt.plus(Duration.ofDays(7)).minusSeconds(1)));
        crm.purchases().record(NewPurchase.of(c.get(3).id(), new BigDecimal("30"), "CNY").occurredAt(sentAt.minusSeconds(1)));
        // c4's opportunity from the campaign is won within the window: 1000 CNY
        Opportunity o = crm.opportunities().create(NewOpportunity.of(c.get(4).id(), "deal", new BigDecimal("1000"), "CNY",
                LocalDate.of(2026, 4, 1)).sourceCampaign(campaign.id()));
        crm.opportunities().win(o.id(), null);

        CampaignResults r = campaigns.results(campaign.id());
        assertThat(r.members()).isEqualTo(6);
        assertThat(r.sent()).isEqualTo(5);
        assertThat(r.optedOut()).isEqualTo(1);
        assertThat(r.converted()).isEqualTo(3); // c0, c2, c4
        assertThat(r.responded()).isEqualTo(4); // c0, c1 marked; c2, c4 converted (c0 counts once)
        assertThat(r.costPerResponse()).contains(new BigDecimal("75.0000")); // 300 / 4
        assertThat(r.revenue()).containsOnly(Map.entry(Currency.getInstance("CNY"), new BigDecimal("1100")),
                Map.entry(Currency.getInstance("USD"), new BigDecimal("20")));

        campaigns.markConverted(campaign.id(), c.get(1).id());
        CampaignResults after = campaigns.results(campaign.id());
        assertThat(after.converted()).isEqualTo(4);
        assertThat(after.responded()).isEqualTo(4);
        assertThat(campaigns.member(campaign.id(), c.get(1).id()).orElseThrow().status()).isEqualTo(MemberStatus.CONVERTED);
        assertThat(campaigns.markResponded(campaign.id(), c.get(1).id()).status()).isEqualTo(MemberStatus.CONVERTED);
    }

    @Test
    void respondedStatusesAreConfigurable() {
        try (Crm other = Crm.builder().storage(InMemoryStorage.create()).clock(clock)
                .messaging(MessagingSettings.builder().channel(new Recorder()).build())
                .marketing(MarketingSettings.builder().respondedStatuses(Set.of(MemberStatus.RESPONDED, MemberStatus.OPTED_OUT)).build())
                .build()) {
            Customer a = other.customers().create(NewCustomer.person("a").phone("13800138001")
                    .consent(ContactChannel.SMS, ConsentStatus.OPTED_OUT, "sms reply"));
            Customer b = other.customers().create(NewCustomer.person("b").phone("13800138002")
                    .consent(ContactChannel.SMS, ConsentStatus.OPTED_IN, "web"));
            Campaign c = other.campaigns().create(NewCampaign.of("x", ChannelKind.SMS, LocalDate.of(2026, 3, 1),
                    LocalDate.of(2026, 3, 31), new BigDecimal("10"), "CNY").template(MessageTemplate.text("hi")));
            other.campaigns().transition(c.id(), CampaignStatus.SCHEDULED, null);
            other.campaigns().addMembers(c.id(), List.of(a.id(), b.id()));
            other.campaigns().send(c.id());
            other.campaigns().markConverted(c.id(), b.id());
            CampaignResults r = other.campaigns().results(c.id());
            assertThat(r.responded()).isEqualTo(1); // the opt-out counts, the conversion does not
            assertThat(r.converted()).isEqualTo(1);
            assertThat(r.costPerResponse()).contains(new BigDecimal("10.0000"));
        }
    }

    @Test
    void marksNeedAMember() {
        Campaign campaign = running("x");
        Customer a = customer("甲", "13800138001", ConsentStatus.OPTED_IN);
        assertThatThrownBy(() -> campaigns.markResponded(campaign.id(), a.id())).isInstanceOf(NotFoundException.class);
        assertThat(campaigns.results(campaign.id())).isEqualTo(new CampaignResults(0, 0, 0, 0, 0, 0, 0,
                java.util.Optional.empty(), Map.of()));
    }
}
