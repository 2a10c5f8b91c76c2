package io.crmkit.bench.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.interaction.TimelineQuery;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The benchmarks' baselines ({@link PlainJdbc}) read the same rows as crmkit for the same customer: every child
 * table and a timeline page with its links, on embedded H2 (the seven child selects) and on PostgreSQL when
 * {@code CRM_TEST_POSTGRES_URL} is set (their union).
 */
class PlainJdbcTest {

    @Test
    void h2() throws Exception {
        sameRows("h2");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "CRM_TEST_POSTGRES_URL", matches = ".+")
    void postgresql() throws Exception {
        System.setProperty("crm.bench.postgres", System.getenv("CRM_TEST_POSTGRES_URL"));
        sameRows("postgresql");
    }

    private static void sameRows(String kind) throws Exception {
        try (BenchDatabase db = new BenchDatabase(kind)) {
            try (Crm crm = Crm.builder().storage(db.storage()).build(); Connection connection = db.connect();
                 PlainJdbc plain = new PlainJdbc(connection, kind, db.prefix)) {
                db.generateCustomers(20);
                db.generateInteractions(2 * 60 + 3, 3); // customers 1 and 2 get 41 each, 3 gets 41 too
                Customer rich = crm.customers().create(NewCustomer.person("Ada Lovelace")
                        .email("ada@example.com").email("A.King@example.org").phone("+44 20 7946 0000")
                        .address(PostalAddress.of("12 St James's Square", "London", "SW1Y 4JH", "GB"))
                        .address(new PostalAddress("1 Main St", "Springfield", java.util.Optional.of("IL"),
                                java.util.Optional.empty(), java.util.Optional.empty()))
                        .tag("vip", "math").attribute("tier", "gold").attribute("visits", 12L).attribute("active", true)
                        .externalRef("erp", "E-1").externalRef("crm-old", "77")
                        .consent(ContactChannel.EMAIL, ConsentStatus.OPTED_IN, "web form")
                        .consent(ContactChannel.SMS, ConsentStatus.OPTED_OUT, "reply STOP")
                        .jobTitle("Analyst").timeZone(ZoneId.of("Europe/London")));

                List<Object> read = plain.customer(rich.id().value());
                SameRows.check("rich customer", SameRows.customer(crm.customers().require(rich.id())), read, true);
                assertThat(read).contains("A.King@example.org", "+442079460000", "Springfield", "IL", "math", "visits",
                        "NUMBER", "12", "crm-old", "reply STOP", "Europe/London");
                for (int n = 1; n <= 20; n++) {
                    UUID id = BenchDatabase.id(0, n);
                    SameRows.check("customer " + n, SameRows.customer(crm.customers().require(new CustomerId(id))),
                            plain.customer(id), true);
                }
                assertThat(plain.customer(BenchDatabase.id(0, 999))).isEmpty();
                // the check can fail: another customer's rows are not these
                assertThatThrownBy(() -> SameRows.check("other", SameRows.customer(rich),
                        plain.customer(BenchDatabase.id(0, 1)), true)).isInstanceOf(IllegalStateException.class);

                // by email: the customer rows and their children read in one go
                List<Object> byEmail = plain.customersBy("customer_emails", "email_lower", "ada@example.com");
                SameRows.check("by email", SameRows.customer(crm.customers().require(rich.id())), byEmail, true);

                Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
                for (int i = 0; i < 55; i++) {
                    var entry = Interaction.call(i % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND)
                            .subject("call " + i).occurredAt(t0.plusSeconds(60L * i));
                    if (i % 3 == 0) {
                        entry.notes("notes " + i).duration(Duration.ofSeconds(i + 1)).outcome("done")
                                .link(RecordLink.Type.TASK, UUID.nameUUIDFromBytes(("t" + i).getBytes()))
                                .link(RecordLink.Type.CASE, UUID.nameUUIDFromBytes(("c" + i).getBytes()));
                    }
                    crm.interactions().log(rich.id(), entry);
                }
                for (Customer c : List.of(rich, crm.customers().require(new CustomerId(BenchDatabase.id(0, 1))),
                        crm.customers().require(new CustomerId(BenchDatabase.id(0, 4))))) {
                    List<Interaction> page = crm.interactions().timeline(c.id(), TimelineQuery.all(), PageRequest.first(50))
                            .items();
                    List<Object> values = plain.timeline(c.id().value());
                    SameRows.check("timeline of " + c.displayName(), SameRows.timeline(page), values, false);
                }
                List<Object> richPage = plain.timeline(rich.id().value());
                assertThat(richPage).contains("call 54", "notes 54", "done", "TASK", "CASE")
                        .doesNotContain("call 4"); // the newest 50 of 55
                assertThat(plain.timeline(BenchDatabase.id(0, 1))).hasSize(41 * 13); // a short page, no links
            }
        }
    }
}
