package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.crmkit.core.Crm;
import io.crmkit.core.audit.AuditSettings;
import io.crmkit.core.customer.AttributeValue;
import io.crmkit.core.customer.Consent;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.core.requirement.NewRequirement;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskStatus;
import io.crmkit.testkit.TestData;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Saving a customer writes only the child rows that changed, and saving a need or a task only the history
 * rows added: the services' archive, consent answer and edit
 * are watched through a host DataSource that records every statement; each change also moves the event position
 * counter and inserts its events (the event outbox), last. Seeded random edits check that what is
 * written by difference reads back as the customer saved. On every database.
 */
class CustomerChildWritesTest {
    private final TestData data = TestData.create();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private TestDb db;
    private String prefix;
    private StatementLog log;

    private Crm crm(TestDb db) {
        return crm(db, AuditSettings.OFF);
    }

    private Crm crm(TestDb db, AuditSettings audit) {
        db.assumeAvailable();
        this.db = db;
        prefix = TestDb.newPrefix();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setMaximumPoolSize(3);
        HikariDataSource pool = new HikariDataSource(config);
        opened.add(pool);
        log = new StatementLog(pool);
        JdbcStorage storage = JdbcStorage.builder().dataSource(log).tablePrefix(prefix).build();
        opened.add(storage);
        // the database keeps microseconds; the audit trail is off but in its own test, so the lists show the
        // record's own rows
        Crm crm = Crm.builder().storage(storage).clock(Clock.tickMillis(ZoneOffset.UTC)).audit(audit).build();
        opened.add(0, crm);
        return crm;
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

    private static NewCustomer full() {
        return NewCustomer.person("张三").email("zhangsan@example.com").email("z.san@example.org")
                .phone("+8613800138000").phone("+8613900139000").tag("vip", "重点客户")
                .attribute("level", 3).attribute("备注", "老客户").externalRef("erp", "C-1").externalRef("shop", "S-1")
                .address(new PostalAddress("建国路88号", "北京", Optional.of("朝阳区"), Optional.of("100022"), Optional.of("CN")))
                .consent(ContactChannel.EMAIL, ConsentStatus.OPTED_IN, "web form")
                .consent(ContactChannel.SMS, ConsentStatus.OPTED_IN, "web form");
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void theAuditTrailAddsOneEntryRowAndMovesOneHead(TestDb db) {
        Crm crm = crm(db, AuditSettings.DEFAULT);
        Customer c = crm.customers().create(full());
        log.start();
        crm.customers().archive(c.id());
        assertThat(log.writes(prefix)).containsExactly("UPDATE customers", "UPDATE audit_heads", "INSERT audit_entries", "UPDATE event_head", "INSERT events");
        // the trail moved this stream's head on the create, so it compares and sets it without reading it first
        assertThat(log.executed()).noneMatch(sql -> sql.contains("audit_heads") && sql.startsWith("SELECT"));
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void archivingWritesTheCustomerRowAndNoChildRow(TestDb db) {
        Crm crm = crm(db);
        Customer c = crm.customers().create(full());
        log.start();
        Customer archived = crm.customers().archive(c.id());
        assertThat(log.writes(prefix)).containsExactly("UPDATE customers", "UPDATE event_head", "INSERT events");
        assertThat(crm.customers().require(c.id())).isEqualTo(archived);
        assertThat(archived.isArchived()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void aConsentAnswerWritesTheCustomerRowAndThatConsentOnly(TestDb db) {
        Crm crm = crm(db);
        Customer c = crm.customers().create(full());
        log.start();
        Customer changed = crm.customers().setConsent(c.id(), ContactChannel.SMS, ConsentStatus.OPTED_OUT, "回复TD退订");
        assertThat(log.writes(prefix)).containsExactly("UPDATE customers", "DELETE customer_consents",
                "INSERT customer_consents", "UPDATE event_head", "INSERT events");
        Customer read = crm.customers().require(c.id());
        assertThat(read).isEqualTo(changed);
        assertThat(read.hasOptedOut(ContactChannel.SMS)).isTrue();
        assertThat(read.consent(ContactChannel.EMAIL)).isEqualTo(c.consent(ContactChannel.EMAIL));
        assertThat(read.emails()).isEqualTo(c.emails());

        log.start();
        crm.customers().setConsent(c.id(), ContactChannel.VOICE, ConsentStatus.OPTED_IN, "call");
        assertThat(log.writes(prefix)).containsExactly("UPDATE customers", "INSERT customer_consents", "UPDATE event_head", "INSERT events");
        assertThat(crm.customers().require(c.id()).consents()).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void anEditWritesOnlyTheRowsThatChanged(TestDb db) {
        Crm crm = crm(db);
        Customer c = crm.customers().create(full());
        log.start();
        Customer edited = crm.customers().update(c.edit().removeEmail("z.san@example.org").tag("新标签"));
        assertThat(log.writes(prefix)).containsExactlyInAnyOrder("UPDATE customers", "DELETE customer_emails",
                "INSERT customer_tags", "UPDATE event_head", "INSERT events");
        assertThat(crm.customers().require(c.id())).isEqualTo(edited);
        assertThat(edited.emails()).extracting(EmailAddress::value).containsExactly("zhangsan@example.com");
        assertThat(edited.tags()).containsExactly("vip", "重点客户", "新标签");
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void aTransitionOfANeedWritesItsRowAndTheNewChangeOnly(TestDb db) {
        Crm crm = crm(db);
        Customer c = crm.customers().create(full());
        Requirement need = crm.requirements().create(NewRequirement.of(c.id(), "开具发票"));
        crm.requirements().start(need.id(), "已联系");
        log.start();
        Requirement resolved = crm.requirements().resolve(need.id(), "已开具");
        assertThat(log.writes(prefix)).containsExactly("UPDATE requirements", "INSERT requirement_history", "UPDATE event_head", "INSERT events");
        assertThat(crm.requirements().require(need.id())).isEqualTo(resolved);
        assertThat(resolved.history()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void aCommentOnATaskWritesItsRowAndTheNewCommentOnly(TestDb db) {
        Crm crm = crm(db);
        Task t = crm.tasks().create(NewTask.titled("寄送发票").assignTo(Assignee.user(UserRef.of("li.si"))));
        crm.tasks().comment(t.id(), "第一条");
        crm.tasks().transition(t.id(), TaskStatus.IN_PROGRESS, null);
        log.start();
        Task commented = crm.tasks().comment(t.id(), "第二条 🙏");
        // its event (TaskEvent.Commented, read for mentions): a comment without one raises no notice
        assertThat(log.writes(prefix)).containsExactly("UPDATE tasks", "INSERT task_comments", "UPDATE event_head", "INSERT events");
        log.start();
        Task handed = crm.tasks().assign(t.id(), Assignee.department(DepartmentRef.of("finance")), "转财务");
        assertThat(log.writes(prefix)).containsExactly("UPDATE tasks", "INSERT task_assignments", "INSERT notices",
                "UPDATE event_head", "INSERT events", "INSERT events"); // the notice to finance and its event, in the same transaction
        assertThat(crm.tasks().require(t.id())).isEqualTo(handed);
        assertThat(handed.comments()).isEqualTo(commented.comments()).hasSize(2);
        assertThat(handed.assignments()).hasSize(2);
        assertThat(handed.statusHistory()).hasSize(1);
    }

    /**
     * Random edits of every child collection (add, remove, change, reorder, swap external references between
     * positions), each saved through the storage after loading the customer in the same unit of work, and every
     * fifth without loading it first; after each the stored customer is the one saved.
     */
    @ParameterizedTest
    @EnumSource(TestDb.class)
    void randomEditsReadBackAsSaved(TestDb db) {
        crm(db);
        JdbcStorage storage = storageOf();
        Random random = new Random(20250310L + db.ordinal());
        Customer current = data.fullPerson("随机", "r" + db.ordinal()).build();
        Customer inserted = current;
        storage.inTransaction(r -> {
            r.customers().insert(inserted);
            return null;
        });
        for (int round = 1; round <= 60; round++) {
            Customer next = edit(current, random, round);
            boolean loadFirst = round % 5 != 0;
            storage.inTransaction(r -> {
                if (loadFirst) {
                    assertThat(r.customers().findById(next.id())).isPresent();
                }
                r.customers().update(next);
                return null;
            });
            Customer read = storage.read(r -> r.customers().findById(next.id())).orElseThrow();
            assertThat(read).as("round %d", round).isEqualTo(next);
            current = next;
        }
    }

    private JdbcStorage storageOf() {
        return opened.stream().filter(JdbcStorage.class::isInstance).map(JdbcStorage.class::cast).findFirst().orElseThrow();
    }

    private Customer edit(Customer c, Random random, int round) {
        Customer.Builder b = c.toBuilder().version(c.version() + 1).updatedAt(data.now().plusSeconds(round));
        switch (random.nextInt(7)) {
            case 0 -> b.emails(edited(c.emails(), random, () -> EmailAddress.of("e" + random.nextInt(1000) + "@example.com")));
            case 1 -> b.phones(edited(c.phones(), random, () -> new PhoneNumber("+86139" + (10_000_000 + random.nextInt(89_999_999)))));
            case 2 -> b.addresses(edited(c.addresses(), random, () -> new PostalAddress("路" + random.nextInt(100), "上海",
                    random.nextBoolean() ? Optional.of("浦东") : Optional.empty(), Optional.empty(), Optional.of("CN"))));
            case 3 -> b.tags(new LinkedHashSet<>(edited(new ArrayList<>(c.tags()), random, () -> "t" + random.nextInt(50))));
            case 4 -> {
                List<Map.Entry<String, AttributeValue>> entries = edited(new ArrayList<>(c.attributes().entrySet()), random,
                        () -> Map.entry("a" + random.nextInt(30), AttributeValue.of(random.nextInt(1000))));
                Map<String, AttributeValue> attributes = new LinkedHashMap<>();
                entries.forEach(e -> attributes.put(e.getKey(), e.getValue()));
                b.attributes(attributes);
            }
            case 5 -> {
                List<ExternalRef> refs = new ArrayList<>(c.externalRefs());
                if (refs.size() >= 2 && random.nextBoolean()) {
                    Collections.swap(refs, 0, refs.size() - 1);
                } else {
                    refs = edited(refs, random, () -> ExternalRef.of("sys" + random.nextInt(5), "R-" + random.nextInt(1000)));
                }
                Map<String, ExternalRef> bySystem = new LinkedHashMap<>();
                refs.forEach(r -> bySystem.putIfAbsent(r.system(), r));
                b.externalRefs(new ArrayList<>(bySystem.values()));
            }
            default -> {
                Map<ContactChannel, Consent> consents = new EnumMap<>(ContactChannel.class);
                consents.putAll(c.consents());
                ContactChannel channel = ContactChannel.values()[random.nextInt(ContactChannel.values().length)];
                if (consents.containsKey(channel) && random.nextInt(3) == 0) {
                    consents.remove(channel);
                } else {
                    consents.put(channel, new Consent(channel, random.nextBoolean() ? ConsentStatus.OPTED_IN
                            : ConsentStatus.OPTED_OUT, data.now().plus(Duration.ofMinutes(round)), "round " + round));
                }
                b.consents(consents);
            }
        }
        return b.build();
    }

    /** The list with one random item added, removed, replaced or moved; distinct items stay distinct. */
    private static <T> List<T> edited(List<T> items, Random random, java.util.function.Supplier<T> fresh) {
        List<T> out = new ArrayList<>(items);
        int op = out.isEmpty() ? 0 : random.nextInt(4);
        switch (op) {
            case 0 -> {
                T t = fresh.get();
                if (!out.contains(t)) {
                    out.add(random.nextInt(out.size() + 1), t);
                }
            }
            case 1 -> out.remove(random.nextInt(out.size()));
            case 2 -> {
                T t = fresh.get();
                if (!out.contains(t)) {
                    out.set(random.nextInt(out.size()), t);
                }
            }
            default -> out.add(random.nextInt(out.size()), out.remove(random.nextInt(out.size())));
        }
        return out;
    }
}
