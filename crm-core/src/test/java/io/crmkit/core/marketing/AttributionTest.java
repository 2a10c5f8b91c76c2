package io.crmkit.core.marketing;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Revenue attributed over small timelines, worked by hand. Campaigns A, B and C send to x on days 1, 2 and 3, A and B
 * to z on days 1 and 2, A to y on day 1; x buys for 100 CNY on day 4, z for 10 CNY on day 5, y for 50 USD on day 6.
 * w, never touched, buys too; x bought once before any touch, and buys again after the 30 day window of every touch.
 */
class AttributionTest {
    private static final Instant DAY0 = Instant.parse("2026-03-02T02:00:00Z");
    private final MutableClock clock = MutableClock.at(DAY0.toString());
    private final CampaignMembersTest.Recorder sms = new CampaignMembersTest.Recorder();
    /** An analyst reads every customer and purchase, but only the campaigns she owns. */
    private static final Actor ANALYST = new Actor(UserRef.of("an.na"), Set.of("analyst"), Set.of());
    private final Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock)
            .access(AccessPolicy.builder().grantAll("analyst", AccessLevel.ALL, RecordKind.CUSTOMER, RecordKind.PURCHASE)
                    .grant("analyst", AccessLevel.OWN, RecordKind.CAMPAIGN, Action.READ).build())
            .messaging(MessagingSettings.builder().channel(sms).build()).build();
    private final CampaignService campaigns = crm.campaigns();
    private final Customer x = customer("x");
    private final Customer y = customer("y");
    private final Customer z = customer("z");
    private final Customer w = customer("w");
    private final Campaign a = campaign("A");
    private final Campaign b = campaign("B");
    private final Campaign c = campaign("C", ANALYST.user());

    @AfterEach
    void close() {
        crm.close();
    }

    private Customer customer(String name) {
        return crm.customers().create(NewCustomer.person(name).phone("1380013800" + ("xyzw".indexOf(name) + 1))
                .consent(ContactChannel.SMS, ConsentStatus.OPTED_IN, "web"));
    }

    private Campaign campaign(String name) {
        return campaign(name, UserRef.of("ma.rketing"));
    }

    private Campaign campaign(String name, UserRef owner) {
        Campaign k = campaigns.create(NewCampaign.of(name, ChannelKind.SMS, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31), new BigDecimal("100"), "CNY").owner(owner)
                .template(MessageTemplate.text("hi {{name}}")));
        campaigns.transition(k.id(), CampaignStatus.SCHEDULED, null);
        return k;
    }

    private Instant day(int n) {
        return DAY0.plus(Duration.ofDays(n));
    }

    private void send(Campaign k, int day, Customer... to) {
        clock.set(day(day));
        campaigns.addMembers(k.id(), List.of(to).stream().map(Customer::id).toList());
        campaigns.send(k.id());
    }

    private void buy(Customer who, String amount, String currency, Instant at) {
        crm.purchases().record(NewPurchase.of(who.id(), new BigDecimal(amount), currency).occurredAt(at));
    }

    private void timeline() {
        buy(x, "7", "CNY", day(0));
        send(a, 1, x, y, z);
        send(b, 2, x, z);
        send(c, 3, x);
        buy(x, "100", "CNY", day(4));
        buy(z, "10", "CNY", day(5));
        buy(y, "50", "USD", day(6));
        buy(w, "99", "CNY", day(6));
        buy(x, "1000", "CNY", day(34)); // 31 days after C's touch
        clock.set(day(40));
    }

    /** "A CNY 110.0000 (2)" per row. */
    private List<String> rows(AttributionModel model) {
        Attribution r = campaigns.attribute(model, day(0), day(40));
        return r.rows().stream().map(row -> (row.campaignId().equals(a.id()) ? "A" : row.campaignId().equals(b.id()) ? "B" : "C")
                + " " + row.currency() + " " + row.revenue().toPlainString() + " (" + row.touches() + ")")
                .sorted().collect(Collectors.toList());
    }

    @Test
    void firstTouch() {
        timeline();
        assertThat(rows(AttributionModel.FIRST_TOUCH)).containsExactly("A CNY 110.0000 (2)", "A USD 50.0000 (1)");
        assertThat(campaigns.attribute(AttributionModel.FIRST_TOUCH, day(0), day(40)).conversions()).isEqualTo(3);
    }

    @Test
    void lastTouch() {
        timeline();
        assertThat(rows(AttributionModel.LAST_TOUCH)).containsExactly("A USD 50.0000 (1)", "B CNY 10.0000 (1)",
                "C CNY 100.0000 (1)");
    }

    @Test
    void linear() {
        timeline();
        // x: 100 / 3 = 33.3333... to each; z: 10 / 2 = 5 to A and B
        assertThat(rows(AttributionModel.LINEAR)).containsExactly("A CNY 38.3333 (2)", "A USD 50.0000 (1)",
                "B CNY 38.3333 (2)", "C CNY 33.3333 (1)");
    }

    @Test
    void positionBased() {
        timeline();
        // x: 40 / 20 / 40; z (two touches): 5 / 5; y (one touch): all 50
        assertThat(rows(AttributionModel.POSITION_BASED)).containsExactly("A CNY 45.0000 (2)", "A USD 50.0000 (1)",
                "B CNY 25.0000 (2)", "C CNY 40.0000 (1)");
    }

    @Test
    void theWeightsOfTheModels() {
        assertThat(AttributionModel.POSITION_BASED.weights(1)).containsExactly(BigDecimal.ONE);
        assertThat(AttributionModel.POSITION_BASED.weights(2)).containsExactly(new BigDecimal("0.5"), new BigDecimal("0.5"));
        assertThat(AttributionModel.POSITION_BASED.weights(5)).extracting(BigDecimal::doubleValue)
                .containsExactly(0.4, 0.2 / 3, 0.2 / 3, 0.2 / 3, 0.4);
        for (AttributionModel m : AttributionModel.values()) {
            for (int n = 1; n <= 7; n++) {
                assertThat(m.weights(n).stream().reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue())
                        .as("%s of %d", m, n).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-30));
            }
        }
    }

    /**
     * The analyst sees C only: C's credit is what everyone sees (a third of x's 100 under the linear model, the other
     * touches counted though hidden), and only the one purchase crediting C is a conversion, not the three that
     * A and B touched.
     */
    @Test
    void anActorSeesTheCampaignsSheMayReadWithTheirTrueShareAndOnlyTheirConversions() {
        timeline();
        Attribution linear = crm.as(ANALYST).campaigns().attribute(AttributionModel.LINEAR, day(0), day(40));
        assertThat(linear.rows()).singleElement().satisfies(r -> {
            assertThat(r.campaignId()).isEqualTo(c.id());
            assertThat(r.revenue()).isEqualTo(new BigDecimal("33.3333"));
        });
        assertThat(linear.conversions()).isEqualTo(1);
        Attribution first = crm.as(ANALYST).campaigns().attribute(AttributionModel.FIRST_TOUCH, day(0), day(40));
        assertThat(first.rows()).isEmpty();
        assertThat(first.conversions()).isZero();
        assertThat(campaigns.attribute(AttributionModel.LINEAR, day(0), day(40)).conversions()).isEqualTo(3);
    }

    @Test
    void thePeriodLimitsThePurchases() {
        timeline();
        assertThat(campaigns.attribute(AttributionModel.LAST_TOUCH, day(5), day(6)).rows())
                .singleElement().satisfies(r -> assertThat(r.revenue()).isEqualTo(new BigDecimal("10.0000")));
        assertThat(violationsOf(() -> campaigns.attribute(AttributionModel.LINEAR, day(6), day(6))))
                .containsExactly("to:before_from");
    }
}
