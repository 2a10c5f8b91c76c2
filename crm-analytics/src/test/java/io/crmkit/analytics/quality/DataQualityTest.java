package io.crmkit.analytics.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.analytics.report.AnalyticsReport;
import io.crmkit.core.Crm;
import io.crmkit.core.DeliveryException;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.dedup.MatchReason;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.core.security.UserRef;
import io.crmkit.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data-quality assessment through the public API: completeness per field, the contact points a message could
 * not reach that the customer still has, stale records, duplicate candidates, and the report part that shows them.
 * In memory here; {@link DataQualityOnDatabasesTest} runs the same on H2, PostgreSQL and MariaDB.
 */
class DataQualityTest {
    private final TestClock clock = TestClock.at(Instant.parse("2024-01-10T08:00:00Z"));
    Crm crm;
    private Customer old;
    private Customer bounced;
    private Customer twin1;
    private Customer twin2;

    /** An email channel whose mail server refuses one mailbox for good. */
    private static final class Mail implements MessageChannel {
        @Override
        public ChannelKind kind() {
            return ChannelKind.EMAIL;
        }

        @Override
        public DeliveryReceipt send(OutboundMessage message) {
            if (message.to().toLowerCase(Locale.ROOT).contains("gone@")) {
                throw DeliveryException.permanent("550 5.1.1 mailbox unavailable", null);
            }
            return new DeliveryReceipt("m-" + message.id().value());
        }
    }

    /** The storage of the CRM under test. */
    CrmStorage storage() {
        return InMemoryStorage.create();
    }

    @BeforeEach
    void data() {
        crm = Crm.builder().storage(storage()).clock(clock)
                .messaging(MessagingSettings.builder().channel(new Mail()).build()).build();
        old = crm.customers().create(NewCustomer.person("陈旧 Old 😀").email("old@example.com"));
        clock.advance(Duration.ofDays(800));
        bounced = crm.customers().create(NewCustomer.person("李四").email("Gone@Example.com").phone("+8613800138000")
                .owner(UserRef.of("u1")).tag("vip").consent(ContactChannel.EMAIL, ConsentStatus.OPTED_IN, "form"));
        twin1 = crm.customers().create(NewCustomer.person("Zhang Wei").email("zw@example.com"));
        twin2 = crm.customers().create(NewCustomer.person("Zhang  Wei").email("ZW@example.com").tag("imported"));
        crm.customers().archive(crm.customers().create(NewCustomer.person("archived")).id());
        crm.messaging().send(MessageRequest.email(bounced.id()).subject("hello").text("hi"));
        crm.messaging().send(MessageRequest.email(twin1.id()).subject("hello").text("hi"));
        assertThat(crm.messaging().dispatchPending()).isEqualTo(2);
    }

    @AfterEach
    void close() {
        crm.close();
        dropStorage();
    }

    /** Removes what {@link #storage()} made. */
    void dropStorage() {
    }

    @Test
    void completenessUnreachableStaleAndDuplicatesOverTheCustomersThatAreNotArchived() {
        DataQualityReport q = DataQuality.builder().staleAfter(Duration.ofDays(365)).build().assess(crm, clock.instant());

        assertThat(q.customers()).isEqualTo(4);
        assertThat(q.field("email")).isEqualTo(new FieldCompleteness("email", 4, 4));
        assertThat(q.field("phone").filled()).isEqualTo(1);
        assertThat(q.field("tags").share()).isEqualTo(0.5);
        assertThat(q.field("owner").filled()).isEqualTo(1);
        assertThat(q.field("consent").filled()).isEqualTo(1);
        assertThat(q.field("address").filled()).isZero();
        assertThat(q.completeness()).extracting(FieldCompleteness::field).containsExactlyElementsOf(DataQuality.FIELDS);

        assertThat(q.unreachableCount()).isEqualTo(1);
        UnreachableContact u = q.unreachable().get(0);
        assertThat(u.customer()).isEqualTo(bounced.id());
        assertThat(u.channel()).isEqualTo(ChannelKind.EMAIL);
        assertThat(u.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(u.error().orElseThrow()).contains("550");

        assertThat(q.staleCount()).isEqualTo(1);
        assertThat(q.stale()).containsExactly(old.id());
        assertThat(q.staleBefore()).isEqualTo(clock.instant().minus(Duration.ofDays(365)));

        assertThat(q.duplicateCount()).isEqualTo(1);
        assertThat(q.duplicates().get(0).is(twin1.id(), twin2.id())).isTrue();
        assertThat(q.duplicates().get(0).reasons()).contains(MatchReason.EMAIL);
    }

    @Test
    void anAddressChangedAfterTheFailureIsNoLongerUnreachable() {
        crm.customers().update(crm.customers().require(bounced.id()).edit().removeEmail("Gone@Example.com")
                .email("li.si@example.com"));

        DataQualityReport q = DataQuality.builder().build().assess(crm, clock.instant());

        assertThat(q.unreachableCount()).isZero();
        assertThat(q.unreachable()).isEmpty();
    }

    @Test
    void listsKeepTheirLimitWhileTheCountsCountEverything() {
        for (int i = 0; i < 5; i++) {
            crm.customers().create(NewCustomer.person("Twin " + i).email("same@example.com"));
        }

        DataQualityReport q = DataQuality.builder().listed(3).build().assess(crm, clock.instant());

        assertThat(q.duplicateCount()).isGreaterThan(3);
        assertThat(q.duplicates()).hasSize(3);
        assertThat(q.duplicates()).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    }

    @Test
    void badSettingsAreNamedTogether() {
        assertThatThrownBy(() -> DataQuality.builder().staleAfter(Duration.ZERO).listed(0).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.hasViolation("staleAfter")).isTrue();
                    assertThat(e.hasViolation("listed")).isTrue();
                });
    }

    @Test
    void theReportShowsThePartInHtmlAndText() {
        AnalyticsReport r = AnalyticsReport.builder(crm).clock(clock).dataQuality(DataQuality.builder().build()).build();

        assertThat(r.dataQuality()).isPresent();
        assertThat(r.value("completeness", "email", "percent")).contains("100.0");
        assertThat(r.value("completeness", "phone", "percent")).contains("25.0");
        assertThat(r.value("quality", "unreachable contact points", "count")).contains("1");
        String html = r.toHtml();
        assertThat(html).contains("<h2>Data quality</h2>").contains("Gone@example.com").contains("550 5.1.1");
        assertThat(r.toText()).contains("Completeness per field").contains("Duplicate candidates");
        assertThat(AnalyticsReport.builder(crm).clock(clock).build().dataQuality()).isEmpty();
    }
}
