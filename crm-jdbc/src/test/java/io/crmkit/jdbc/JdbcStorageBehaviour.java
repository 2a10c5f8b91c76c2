package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.crmkit.core.ConflictException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.StorageException;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.security.AccessScope;
import io.crmkit.testkit.TestData;
import io.crmkit.testkit.TestStrings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the contract suites do not cover: construction, migrations with a prefix, validate-only mode,
 * host pools, error mapping, transactions across repositories and exact text round trips. Runs on every
 * database through a subclass.
 */
abstract class JdbcStorageBehaviour {
    protected final TestData data = TestData.create();
    protected String url;
    protected String prefix;
    private final List<JdbcStorage> opened = new ArrayList<>();

    abstract TestDb db();

    @BeforeEach
    void setUp() {
        db().assumeAvailable();
        url = db().url();
        prefix = TestDb.newPrefix();
    }

    @AfterEach
    void tearDown() {
        opened.forEach(JdbcStorage::close);
        if (url != null && db() != TestDb.H2) {
            TestDb.dropTables(url, prefix);
        }
    }

    protected JdbcStorage open(JdbcStorage.Builder builder) {
        JdbcStorage s = builder.build();
        opened.add(s);
        return s;
    }

    protected JdbcStorage open() {
        return open(JdbcStorage.builder().url(url).tablePrefix(prefix).maximumPoolSize(3));
    }

    static Optional<Customer> customer(io.crmkit.core.spi.CrmStorage s, io.crmkit.core.customer.CustomerId id) {
        return s.read(r -> r.customers().findById(id));
    }

    static Optional<Customer> byRef(io.crmkit.core.spi.CrmStorage s, ExternalRef ref) {
        return s.read(r -> r.customers().findByExternalRef(ref));
    }

    static Optional<Interaction> interaction(io.crmkit.core.spi.CrmStorage s, io.crmkit.core.interaction.InteractionId id) {
        return s.read(r -> r.interactions().findById(id));
    }

    static List<Interaction> timeline(io.crmkit.core.spi.CrmStorage s, io.crmkit.core.customer.CustomerId id) {
        return s.read(r -> r.interactions().timeline(id, TimelineQuery.all(), PageRequest.first(1000))).items();
    }

    @Test
    void chineseEmojiTenKilobyteNotesAndSqlMetacharactersRoundTripExactly() {
        JdbcStorage storage = open();
        String name = TestStrings.NASTY;
        Customer c = data.person(name).emails(List.of(EmailAddress.of("张三@例子.中国")))
                .tags(java.util.Set.of("vip" + TestStrings.EMOJI))
                .externalRefs(List.of(ExternalRef.of("erp", TestStrings.SQL_INJECTION + TestStrings.LIKE_METACHARACTERS)))
                .build();
        String notes = TestStrings.tenKilobytes() + TestStrings.NASTY + TestStrings.QUOTES_AND_CONTROLS;
        Interaction i = data.interaction(c.id()).subject(TestStrings.CHINESE + TestStrings.EMOJI).notes(notes)
                .outcome(TestStrings.QUOTES_AND_CONTROLS).build();
        storage.inTransaction(r -> {
            r.customers().insert(c);
            r.interactions().insert(i);
            return null;
        });

        assertThat(customer(storage, c.id())).contains(c);
        assertThat(interaction(storage, i.id())).contains(i);
        assertThat(interaction(storage, i.id()).orElseThrow().notes().orElseThrow())
                .isEqualTo(notes).hasSizeGreaterThan(10_000);
        assertThat(storage.<io.crmkit.core.Page<Customer>>read(r -> r.customers().search(CustomerQuery.all().nameStartsWith(name.substring(0, 8)), AccessScope.everything(),
                PageRequest.first(10))).items()).containsExactly(c);
        assertThat(storage.<io.crmkit.core.Page<Customer>>read(r -> r.customers().search(CustomerQuery.all().nameContains(TestStrings.EMOJI
                + " " + TestStrings.SQL_INJECTION), AccessScope.everything(), PageRequest.first(10))).items()).containsExactly(c);
        assertThat(byRef(storage, c.externalRefs().get(0))).contains(c);
        assertThat(storage.<io.crmkit.core.Page<Customer>>read(r -> r.customers().search(CustomerQuery.all().tag("VIP" + TestStrings.EMOJI), AccessScope.everything(),
                PageRequest.first(10))).items()).containsExactly(c);
        assertThat(storage.<io.crmkit.core.Page<Customer>>read(r -> r.customers().search(CustomerQuery.all().email("张三@例子.中国"), AccessScope.everything(),
                PageRequest.first(10))).items()).containsExactly(c);
        // emoji are not equal to each other under any collation
        assertThat(storage.<io.crmkit.core.Page<Customer>>read(r -> r.customers().search(CustomerQuery.all().tag("vip😈"), AccessScope.everything(), PageRequest.first(10))).items())
                .isEmpty();
    }

    @Test
    void instantsKeepMicroseconds() {
        JdbcStorage storage = open();
        Instant at = Instant.parse("2024-02-29T23:59:59.123456Z");
        Customer c = data.person("Micro").createdAt(at).updatedAt(at.plusNanos(1_000)).build();
        Interaction i = data.interaction(c.id()).occurredAt(Instant.parse("1970-01-01T00:00:00.000001Z")).recordedAt(at).build();
        storage.inTransaction(r -> {
            r.customers().insert(c);
            r.interactions().insert(i);
            return null;
        });
        assertThat(customer(storage, c.id()).orElseThrow().updatedAt()).isEqualTo(at.plusNanos(1_000));
        assertThat(interaction(storage, i.id())).contains(i);
    }

    @Test
    void aFailedUnitOfWorkRollsBackEveryRepositoryAndRethrowsTheSameException() {
        JdbcStorage storage = open();
        Customer c = data.person("Rolled back").build();
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable thrown = catchThrowable(() -> storage.inTransaction(r -> {
            r.customers().insert(c);
            r.interactions().insert(data.interaction(c.id()).build());
            r.purchases().insert(data.purchase(c.id(), "9.90", "CNY").build());
            throw boom;
        }));
        assertThat(thrown).isSameAs(boom);
        assertThat(customer(storage, c.id())).isEmpty();
        assertThat(timeline(storage, c.id())).isEmpty();
    }

    @Test
    void nestedUnitsOfWorkJoinTheOuterTransaction() {
        JdbcStorage storage = open();
        Customer c = data.person("Outer").build();
        Interaction i = data.interaction(c.id()).build();
        ConflictException conflict = new ConflictException("outer fails");
        Throwable thrown = catchThrowable(() -> storage.inTransaction(outer -> {
            outer.customers().insert(c);
            Optional<Customer> seen = storage.inTransaction(inner -> {
                inner.interactions().insert(i);
                return inner.customers().findById(c.id());
            });
            assertThat(seen).contains(c);
            throw conflict;
        }));
        assertThat(thrown).isSameAs(conflict);
        assertThat(customer(storage, c.id())).isEmpty();
        assertThat(interaction(storage, i.id())).isEmpty();
    }

    @Test
    void aConflictCaughtInsideAUnitOfWorkLeavesNoPartialRowsAndTheTransactionUsable() {
        JdbcStorage storage = open();
        ExternalRef ref = ExternalRef.of("erp", "C-1");
        Customer first = data.person("First").externalRefs(List.of(ref)).build();
        storage.inTransaction(r -> {
            r.customers().insert(first);
            return null;
        });
        Customer clash = data.person("Clash").emails(List.of(EmailAddress.of("clash@example.com")))
                .externalRefs(List.of(ExternalRef.of("crm", "X"), ref)).build();
        Customer after = data.person("After").build();
        storage.inTransaction(r -> {
            assertThatThrownBy(() -> r.customers().insert(clash)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("insert customer");
            r.customers().insert(after);
            return null;
        });
        assertThat(customer(storage, clash.id())).isEmpty();
        assertThat(byRef(storage, ExternalRef.of("crm", "X"))).isEmpty();
        assertThat(storage.<io.crmkit.core.Page<Customer>>read(r -> r.customers().search(CustomerQuery.all().email("clash@example.com"), AccessScope.everything(),
                PageRequest.first(5))).items()).isEmpty();
        assertThat(customer(storage, after.id())).isPresent();
    }

    @Test
    void purchaseExternalIdIsUnique() {
        JdbcStorage storage = open();
        Customer c = data.person("Buyer").build();
        storage.inTransaction(r -> {
            r.customers().insert(c);
            r.purchases().insert(data.purchase(c.id(), "12.50", "CNY").externalId("order-1").build());
            return null;
        });
        assertThatThrownBy(() -> storage.inTransaction(r -> {
            r.purchases().insert(data.purchase(c.id(), "1", "CNY").externalId("order-1").build());
            return null;
        })).isInstanceOf(ConflictException.class).hasMessageContaining("insert purchase");
        assertThat(storage.<Optional<io.crmkit.core.commerce.Purchase>>read(r -> r.purchases().findByExternalId("order-1")).orElseThrow().amount())
                .isEqualByComparingTo("12.50").hasToString("12.50");
    }

    @Test
    void aDatabaseErrorBecomesAStorageExceptionNamingTheOperationAndWritesNothing() {
        JdbcStorage storage = open();
        Customer tooLong = data.person("x".repeat(1001)).build();
        assertThatThrownBy(() -> storage.inTransaction(r -> {
            r.customers().insert(tooLong);
            return null;
        })).isExactlyInstanceOf(StorageException.class).hasMessageContaining("insert customer " + tooLong.id());
        assertThat(customer(storage, tooLong.id())).isEmpty();
    }

    @Test
    void aForeignCursorIsAValidationError() {
        JdbcStorage storage = open();
        assertThatThrownBy(() -> storage.<io.crmkit.core.Page<Customer>>read(r -> r.customers().search(CustomerQuery.all(), AccessScope.everything(), PageRequest.after("nonsense!", 5))))
                .isInstanceOf(ValidationException.class);
        Customer c = data.person("Paged").build();
        storage.inTransaction(r -> {
            r.customers().insert(c);
            r.interactions().insert(data.interaction(c.id()).build());
            r.interactions().insert(data.interaction(c.id()).build());
            return null;
        });
        String timelineCursor = storage.read(r -> r.interactions().timeline(c.id(), TimelineQuery.all(), PageRequest.first(1)))
                .nextCursor().orElseThrow();
        assertThatThrownBy(() -> storage.<io.crmkit.core.Page<Customer>>read(r -> r.customers().search(CustomerQuery.all(), AccessScope.everything(), PageRequest.after(timelineCursor, 5))))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void migrationCreatesOnlyPrefixedTablesWithItsOwnHistoryAndRunsOnce() throws Exception {
        open().close();
        JdbcStorage again = open(); // second start: nothing to migrate, data survives
        Customer c = data.person("Kept").build();
        again.inTransaction(r -> {
            r.customers().insert(c);
            return null;
        });
        JdbcStorage third = open();
        assertThat(customer(third, c.id())).isPresent();
        assertThat(third.tablePrefix()).isEqualTo(prefix);
        if (db() != TestDb.H2) { // H2 databases here are private to one storage
            try (Connection conn = DriverManager.getConnection(url)) {
                List<String> tables = TestDb.tables(conn, prefix);
                assertThat(tables).contains(prefix + "schema_history", prefix + "customers", prefix + "interactions",
                        prefix + "customer_emails", prefix + "tasks", prefix + "purchases",
                        prefix + "service_cases", prefix + "service_case_history", prefix + "service_case_links");
                assertThat(tables).allMatch(t -> t.startsWith(prefix));
            }
        }
    }

    @Test
    void validateOnlyModeRefusesAnUnmigratedSchemaAndAcceptsAMigratedOne() {
        String shared = db() == TestDb.H2 ? url.replace("jdbc:h2:mem:", "jdbc:h2:mem:v") + ";DB_CLOSE_DELAY=-1" : url;
        assertThatThrownBy(() -> open(JdbcStorage.builder().url(shared).tablePrefix(prefix).migrate(false)))
                .isInstanceOf(StorageException.class).hasMessageContaining("validate")
                .hasMessageContaining(prefix);
        open(JdbcStorage.builder().url(shared).tablePrefix(prefix)).close();
        JdbcStorage validated = open(JdbcStorage.builder().url(shared).tablePrefix(prefix).migrate(false));
        assertThat(validated.<io.crmkit.core.Page<Customer>>read(r -> r.customers().search(CustomerQuery.all(), AccessScope.everything(), PageRequest.first(1))).items()).isEmpty();
        if (db() == TestDb.H2) {
            try (Connection c = DriverManager.getConnection(shared); var s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aHostDataSourceIsUsedButNeverClosed() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(2);
        try (HikariDataSource host = new HikariDataSource(config)) {
            JdbcStorage storage = open(JdbcStorage.builder().dataSource(host).tablePrefix(prefix));
            Customer c = data.person("Hosted").build();
            storage.inTransaction(r -> {
                r.customers().insert(c);
                return null;
            });
            storage.close();
            assertThat(host.isClosed()).isFalse();
            try (Connection conn = host.getConnection()) {
                assertThat(conn.isValid(2)).isTrue();
            }
            JdbcStorage again = open(JdbcStorage.builder().dataSource(host).tablePrefix(prefix));
            assertThat(customer(again, c.id())).isPresent();
        }
    }

    @Test
    void aClosedStorageRefusesWork() {
        JdbcStorage storage = open();
        storage.close();
        storage.close();
        assertThatThrownBy(() -> customer(storage, data.customerId()))
                .isInstanceOf(StorageException.class).hasMessageContaining("closed");
        assertThat(storage.toString()).contains("closed");
    }

    @Test
    void thePasswordNeverShows() {
        String secret = "S3cret-" + TestDb.newPrefix();
        String withPassword = url + (url.contains("?") ? "&" : url.startsWith("jdbc:h2") ? ";" : "?") + "password=" + secret;
        if (db() == TestDb.H2) {
            // H2 refuses a wrong password for a database created by another user
            String shared = url.replace("jdbc:h2:mem:", "jdbc:h2:mem:p") + ";DB_CLOSE_DELAY=-1";
            try (Connection owner = DriverManager.getConnection(shared, "owner", "right")) {
                Throwable t = catchThrowable(() -> open(JdbcStorage.builder().url(shared).user("owner").password(secret)));
                assertThat(t).isInstanceOf(StorageException.class);
                assertNoSecret(t, secret);
                owner.createStatement().execute("SHUTDOWN");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        // PostgreSQL's trust authentication accepts any password, MariaDB's root with an empty one refuses it
        Throwable refused = catchThrowable(() -> {
            JdbcStorage storage = open(JdbcStorage.builder().url(withPassword).tablePrefix(prefix));
            assertThat(storage.toString()).doesNotContain(secret).contains("password=****");
        });
        if (refused != null) {
            assertThat(refused).isInstanceOf(StorageException.class).hasMessageContaining("password=****");
            assertNoSecret(refused, secret);
            return;
        }
        Throwable t = catchThrowable(() -> open(JdbcStorage.builder().url(withPassword).tablePrefix(TestDb.newPrefix())
                .migrate(false)));
        assertThat(t).isInstanceOf(StorageException.class);
        assertNoSecret(t, secret);
    }

    static void assertNoSecret(Throwable t, String secret) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            assertThat(String.valueOf(x.getMessage())).doesNotContain(secret);
            assertThat(x.toString()).doesNotContain(secret);
            for (Throwable s : x.getSuppressed()) {
                assertNoSecret(s, secret);
            }
        }
    }

    @Test
    void theBuilderFailsFastOnBadSettings() {
        for (String bad : new String[] {"Crm-", "x".repeat(31), "crm_; drop table x", "1crm_"}) {
            assertThat(violations(JdbcStorage.builder().url("jdbc:h2:mem:never").tablePrefix(bad)))
                    .as(bad).containsExactly("tablePrefix:format");
        }
        assertThat(violations(JdbcStorage.builder())).containsExactly("url:required");
        assertThat(violations(JdbcStorage.builder().url("jdbc:h2:mem:never").dataSource(new org.h2.jdbcx.JdbcDataSource())
                .maximumPoolSize(0).connectionTimeout(java.time.Duration.ofMillis(10))))
                .containsExactlyInAnyOrder("dataSource:conflict", "maximumPoolSize:range", "connectionTimeout:range");
        assertThatThrownBy(() -> JdbcStorage.builder().url(null)).isInstanceOf(NullPointerException.class).hasMessage("url");
    }

    @Test
    void aRejectedEmbeddedBuildCreatesNoDirectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        java.nio.file.Path dir = tmp.resolve("never");
        assertThat(violations(JdbcStorage.builder().embedded(dir).tablePrefix("Bad"))).containsExactly("tablePrefix:format");
        assertThat(dir).doesNotExist();
    }

    private static java.util.List<String> violations(JdbcStorage.Builder builder) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(builder::build);
        assertThat(thrown).isInstanceOf(io.crmkit.core.ValidationException.class);
        return ((io.crmkit.core.ValidationException) thrown).violations().stream().map(v -> v.field() + ":" + v.code()).toList();
    }
}
