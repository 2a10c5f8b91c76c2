package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.AttributeValue;
import io.crmkit.core.customer.Consent;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.messaging.Attachment;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.testkit.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database written by crmkit at schema version 3 (the frozen V1 to V3 scripts, rows written in that
 * schema) opened with today's JdbcStorage: the migrations from V4 on run, the old checksums validate, and
 * every customer, interaction and outbox message is there as it was. On H2 always, on PostgreSQL and MariaDB
 * when their URL variables are set.
 */
class UpgradeFromV3Test {
    private final TestData data = TestData.create();
    private final List<AutoCloseable> opened = new ArrayList<>();
    @TempDir
    Path dir;
    private TestDb db;
    private String url;
    private String prefix;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        if (db != null && db != TestDb.H2) {
            TestDb.dropTables(url, prefix);
        }
    }

    /** A V3 database of {@code db}: a file for H2, a fresh table prefix on the shared servers. */
    private V3Database v3(TestDb db) throws Exception {
        db.assumeAvailable();
        this.db = db;
        prefix = TestDb.newPrefix();
        url = db == TestDb.H2 ? "jdbc:h2:file:" + dir.resolve("crm").toAbsolutePath() + ";LOCK_TIMEOUT=10000" : db.url();
        V3Database v3 = db == TestDb.H2 ? V3Database.create(url, "sa", "", prefix) : V3Database.create(url, null, null, prefix);
        opened.add(0, v3);
        assertThat(v3.appliedVersions()).containsExactly("1", "2", "3");
        return v3;
    }

    private JdbcStorage.Builder storage() {
        JdbcStorage.Builder b = JdbcStorage.builder().url(url).tablePrefix(prefix).maximumPoolSize(2);
        return db == TestDb.H2 ? b.user("sa").password("") : b;
    }

    private Crm crm() {
        JdbcStorage storage = storage().build();
        opened.add(0, storage);
        // the databases keep microseconds
        Crm crm = Crm.builder().storage(storage).clock(Clock.tickMillis(ZoneOffset.UTC)).build();
        opened.add(0, crm);
        return crm;
    }

    private Customer.Builder customer(String name) {
        return data.person(name).emails(List.of(EmailAddress.of(name.hashCode() + "@example.com")))
                .tags(new LinkedHashSet<>(List.of("v3", "老客户")));
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void aVersion3DatabaseOpensWithEveryRecordAsItWas(TestDb db) throws Exception {
        V3Database v3 = v3(db);
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("level", AttributeValue.of(3));
        attributes.put("备注", AttributeValue.of("从 V3 来的"));
        Customer zhang = data.fullPerson("张三", "v3").phones(List.of(new PhoneNumber("+8613800138000"),
                        new PhoneNumber("+493012345678"))).attributes(attributes).version(4).build();
        Customer li = customer("李四").phones(List.of(new PhoneNumber("+8613900139000"))).archivedAt(data.now())
                .addresses(List.of(new PostalAddress("Unter den Linden 1", "Berlin", Optional.empty(), Optional.of("10117"),
                        Optional.of("DE"))))
                .externalRefs(List.of(ExternalRef.of("erp", "C-2")))
                .consent(new Consent(ContactChannel.SMS, ConsentStatus.OPTED_OUT, data.now(), "回复TD退订"))
                .timeZone(ZoneId.of("Europe/Berlin")).build();
        Interaction call = data.interaction(zhang.id()).channel(InteractionChannel.CALL).direction(Direction.OUTBOUND)
                .subject("回访").notes("客户满意 😀").duration(Duration.ofSeconds(95)).outcome("ok")
                .link(RecordLink.Type.REQUIREMENT, data.uuid()).link(RecordLink.Type.TASK, data.uuid()).build();
        data.clock().advance(Duration.ofMinutes(5));
        Interaction sms = data.interaction(zhang.id()).channel(InteractionChannel.SMS).direction(Direction.OUTBOUND)
                .subject("订单已发货").deliveryStatus(DeliveryStatus.DELIVERED).providerMessageId("SM-1").build();
        OutboxMessage email = new OutboxMessage(new OutboundMessage(new MessageId(data.uuid()), "order-1-mail",
                "张三 <z@example.com>", new MessageContent.Email("发货通知", "您好", Optional.of("<p>您好</p>"),
                List.of(new Attachment("发票.pdf", "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.UTF_8))),
                Optional.of("service@example.com"))), zhang.id(), call.id(), DeliveryStatus.QUEUED, 1,
                data.now().plusSeconds(60), Optional.empty(), Optional.of("421 try later"), Optional.empty(), data.now(),
                data.now(), 1);
        OutboxMessage sent = new OutboxMessage(new OutboundMessage(new MessageId(data.uuid()), "order-1-sms",
                "+8613800138000", new MessageContent.Sms("订单已发货")), zhang.id(), sms.id(), DeliveryStatus.SENT, 1,
                data.now(), Optional.empty(), Optional.empty(), Optional.of("SM-1"), data.now(), data.now(), 2);
        v3.insert(zhang);
        v3.insert(li);
        v3.insert(call);
        v3.insert(sms);
        v3.insert(email);
        v3.insert(sent);

        Crm crm = crm();

        assertThat(crm.customers().require(zhang.id())).isEqualTo(zhang);
        assertThat(crm.customers().require(li.id())).isEqualTo(li);
        assertThat(crm.customers().findByExternalRef("erp", "C-2")).contains(li);
        assertThat(crm.customers().search(CustomerQuery.all().phone("+8613800138000"), PageRequest.first(10)).items())
                .containsExactly(zhang);
        assertThat(crm.interactions().timeline(zhang.id(), TimelineQuery.all(), PageRequest.first(10)).items())
                .containsExactly(sms, call);
        assertThat(storageOf().<Optional<OutboxMessage>>read(r -> r.outbox().findByIdempotencyKey("order-1-mail"))).contains(email);
        assertThat(storageOf().<Optional<OutboxMessage>>read(r -> r.outbox().findByProviderMessageId("SM-1"))).contains(sent);
        assertThat(storageOf().dataProblems(PageRequest.first(10)).items()).isEmpty();
        assertThatThrownBy(() -> storageOf().dataProblems(PageRequest.after("nonsense!", 10)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("cursor")).isTrue());
        assertThat(v3.appliedVersions()).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
                "13", "14", "15", "16", "17", "18", "19", "20");

        // the upgraded database is written and read as a new one
        Customer archived = crm.customers().archive(zhang.id());
        assertThat(crm.customers().require(zhang.id())).isEqualTo(archived);
        crm.close();
        try (JdbcStorage validated = storage().migrate(false).build()) {
            assertThat(validated.<Optional<Customer>>read(r -> r.customers().findById(li.id()))).contains(li);
        }
    }

    private JdbcStorage storageOf() {
        return opened.stream().filter(JdbcStorage.class::isInstance).map(JdbcStorage.class::cast).findFirst().orElseThrow();
    }

    /**
     * Numbers the old parser stored wrongly come out as libphonenumber reads them; a customer whose two numbers
     * become one keeps one; a number that does not parse stays as it was and is listed as a data problem.
     */
    @ParameterizedTest
    @EnumSource(TestDb.class)
    void storedPhoneNumbersAreRenormalisedAndUnparsableOnesKeptAndListed(TestDb db) throws Exception {
        V3Database v3 = v3(db);
        Customer wrong = customer("王五").build();
        Customer twice = customer("赵六").build();
        Customer unparsable = customer("钱七").build();
        Customer right = customer("孙八").phones(List.of(new PhoneNumber("+8613800138000"))).build();
        for (Customer c : List.of(wrong, twice, unparsable, right)) {
            v3.insert(c);
        }
        v3.insertPhone(wrong.id().value(), 0, "+789123456789");
        v3.insertPhone(wrong.id().value(), 1, "+8601012345678");
        v3.insertPhone(twice.id().value(), 0, "+79123456789");
        v3.insertPhone(twice.id().value(), 1, "+789123456789");
        v3.insertPhone(unparsable.id().value(), 0, "+8613900139000");
        v3.insertPhone(unparsable.id().value(), 1, "+99912345678");

        Crm crm = crm();

        Customer fixed = crm.customers().require(wrong.id());
        assertThat(fixed.phones()).extracting(PhoneNumber::value).containsExactly("+79123456789", "+861012345678");
        assertThat(fixed.version()).isEqualTo(wrong.version() + 1);
        assertThat(fixed.toBuilder().phones(List.of()).version(wrong.version()).build()).isEqualTo(wrong);
        assertThat(crm.customers().require(twice.id()).phones()).extracting(PhoneNumber::value).containsExactly("+79123456789");
        assertThat(crm.customers().search(CustomerQuery.all().phone("+79123456789"), PageRequest.first(10)).items())
                .extracting(Customer::id).containsExactlyInAnyOrder(wrong.id(), twice.id());
        Customer kept = crm.customers().require(unparsable.id());
        assertThat(kept.phones()).extracting(PhoneNumber::value).containsExactly("+8613900139000", "+99912345678");
        assertThat(kept.version()).isEqualTo(unparsable.version());
        assertThat(crm.customers().require(right.id())).isEqualTo(right);

        List<DataProblem> problems = storageOf().dataProblems(PageRequest.first(10)).items();
        assertThat(problems).hasSize(1);
        DataProblem problem = problems.get(0);
        assertThat(problem.recordKind()).isEqualTo("customer");
        assertThat(problem.recordId()).isEqualTo(unparsable.id().value());
        assertThat(problem.field()).isEqualTo("phones[1]");
        assertThat(problem.value()).isEqualTo("+99912345678");
        assertThat(problem.migration()).isEqualTo("V5");
        assertThat(problem.reason()).isNotBlank();
    }
}
