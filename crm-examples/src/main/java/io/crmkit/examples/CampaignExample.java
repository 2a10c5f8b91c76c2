package io.crmkit.examples;

import io.crmkit.analytics.marketing.SampleSize;
import io.crmkit.core.Crm;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.marketing.Campaign;
import io.crmkit.core.marketing.CampaignResults;
import io.crmkit.core.marketing.CampaignStatus;
import io.crmkit.core.marketing.NewCampaign;
import io.crmkit.core.marketing.Segment;
import io.crmkit.core.marketing.SendReport;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboundMessage;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A spring SMS campaign to the VIP customers who opted in: members from a segment, one send through messaging (the
 * customer who opted out and the one never asked are not sent to), a response and a purchase, and the results; then
 * how many members an A/B test of the message would need per variant. The SMS gateway only prints.
 *
 * <pre>
 * mvn -B -q -Pdemo package -Ddemo.main=io.crmkit.examples.CampaignExample
 * </pre>
 */
public final class CampaignExample {
    /** When the example runs: 10:00 in Shanghai, outside quiet hours. */
    static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");

    private CampaignExample() {
    }

    /** An SMS gateway that adds what it is asked to send to {@code lines}. */
    static MessageChannel printingGateway(List<String> lines) {
        return new MessageChannel() {
            private int next;

            @Override
            public ChannelKind kind() {
                return ChannelKind.SMS;
            }

            @Override
            public synchronized DeliveryReceipt send(OutboundMessage message) {
                lines.add("SMS to " + message.to() + ": " + ((MessageContent.Sms) message.content()).text());
                return new DeliveryReceipt("gw-" + ++next);
            }
        };
    }

    /** Runs the campaign on a CRM built with {@link #printingGateway} and returns the lines printed. */
    static List<String> run(Crm crm, List<String> lines) {
        Customer zhang = crm.customers().create(NewCustomer.person("张伟").phone("138 0013 8000").tag("vip")
                .consent(ContactChannel.SMS, ConsentStatus.OPTED_IN, "会员注册"));
        crm.customers().create(NewCustomer.person("李娜").phone("139 0013 9000").tag("vip")
                .consent(ContactChannel.SMS, ConsentStatus.OPTED_IN, "会员注册"));
        crm.customers().create(NewCustomer.person("王芳").phone("137 0013 7000").tag("vip")
                .consent(ContactChannel.SMS, ConsentStatus.OPTED_OUT, "回复TD"));
        crm.customers().create(NewCustomer.person("刘洋").phone("136 0013 6000").tag("vip"));
        crm.customers().create(NewCustomer.person("陈静").phone("135 0013 5000"));

        Campaign spring = crm.campaigns().create(NewCampaign.of("春季会员日", ChannelKind.SMS, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31), new BigDecimal("200"), "CNY")
                .template(MessageTemplate.text("{{name}}您好，{{campaign}}全场八折")));
        int added = crm.campaigns().addMembers(spring.id(), Segment.of(CustomerQuery.all().tag("vip")));
        lines.add("members: " + added);
        crm.campaigns().transition(spring.id(), CampaignStatus.SCHEDULED, "审批通过");
        SendReport report = crm.campaigns().send(spring.id());
        lines.add("sent " + report.sent() + ", failed " + report.failed() + ", opted out " + report.optedOut());
        crm.messaging().dispatchPending();
        lines.add("sent again: " + crm.campaigns().send(spring.id()).total());

        crm.campaigns().markResponded(spring.id(), zhang.id());
        crm.purchases().record(NewPurchase.of(zhang.id(), new BigDecimal("388.00"), "CNY")
                .occurredAt(NOW.plus(Duration.ofDays(2))));
        CampaignResults r = crm.campaigns().results(spring.id());
        lines.add("responded " + r.responded() + ", converted " + r.converted() + ", cost per response "
                + r.costPerResponse().map(BigDecimal::toPlainString).orElse("-") + " CNY, revenue " + r.revenue());
        lines.add("an A/B test from 10 % to 12 % needs " + SampleSize.perVariant(0.10, 0.02, 0.05, 0.8) + " members per variant");
        return lines;
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        List<String> lines = new ArrayList<>();
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .messaging(MessagingSettings.builder().channel(printingGateway(lines)).build()).build()) {
            run(crm, lines).forEach(out::println);
        }
    }
}
