package io.crmkit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crmkit.core.Crm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessageResult;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.jdbc.JdbcStorage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two CRM instances (two storages with their own connection pools, as two JVMs would have) dispatch from
 * one PostgreSQL or MariaDB database at the same time, from several threads each: every message reaches
 * the gateway exactly once. Runs when {@code CRM_TEST_POSTGRES_URL} / {@code CRM_TEST_MARIADB_URL} hold
 * a JDBC URL; the tables get a random prefix and are dropped afterwards.
 */
class SharedDatabaseDispatchTest {
    private static final int MESSAGES = 400;
    private static final int CUSTOMERS = 4;
    private static final int THREADS_PER_CRM = 3;

    private final CountingSmsGateway gateway = new CountingSmsGateway(Duration.ofMillis(1), 1);
    @RegisterExtension
    final GatewayServer server = new GatewayServer(gateway);
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String url;
    private String prefix;

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (url != null && prefix != null) {
            dropTables(url, prefix);
        }
    }

    @Test
    @Timeout(180)
    void twoCrmsOnOnePostgresDatabaseSendEveryMessageOnce() throws Exception {
        everyMessageOnce("CRM_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }

    @Test
    @Timeout(180)
    void twoCrmsOnOneMariaDbDatabaseSendEveryMessageOnce() throws Exception {
        everyMessageOnce("CRM_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");
    }

    private void everyMessageOnce(String variable, String example) throws Exception {
        String configured = System.getenv(variable);
        assumeTrue(configured != null && !configured.isBlank(), () -> "skipped: set " + variable
                + " to a JDBC URL with user and password to run it, e.g. " + variable + "=" + example);
        url = configured;
        prefix = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";

        Crm first = open(crm());
        Crm second = open(crm());

        Set<String> keys = new HashSet<>();
        List<Customer> customers = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            customers.add(first.customers().create(NewCustomer.person("客户" + c).phone("1380013800" + c)));
        }
        for (int i = 0; i < MESSAGES; i++) {
            MessageResult r = first.messaging().send(MessageRequest.sms(customers.get(i % CUSTOMERS).id())
                    .text("第 " + i + " 条通知"));
            keys.add(first.messaging().get(r.messageId()).orElseThrow().message().idempotencyKey());
        }
        assertThat(keys).hasSize(MESSAGES);
        assertThat(Outbox.count(second, DeliveryStatus.QUEUED)).as("the second CRM sees the queue").isEqualTo(MESSAGES);

        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_CRM);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> byFirst = new ArrayList<>();
        List<Future<Integer>> bySecond = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS_PER_CRM; t++) {
                byFirst.add(pool.submit(() -> dispatchUntilEmpty(first, start)));
                bySecond.add(pool.submit(() -> dispatchUntilEmpty(second, start)));
            }
            start.countDown();
            int attemptedByFirst = sum(byFirst);
            int attemptedBySecond = sum(bySecond);
            assertThat(attemptedByFirst + attemptedBySecond).as("attempts in all").isEqualTo(MESSAGES);
            assertThat(attemptedByFirst).as("the first CRM took part").isPositive();
            assertThat(attemptedBySecond).as("the second CRM took part").isPositive();
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        Map<String, Integer> counts = gateway.countsPerKey();
        assertThat(gateway.requestsWithoutKey()).isZero();
        assertThat(counts.keySet()).isEqualTo(keys);
        assertThat(counts.entrySet()).filteredOn(e -> e.getValue() != 1).as("keys sent more than once").isEmpty();
        assertThat(gateway.requests()).isEqualTo(MESSAGES);

        List<OutboxMessage> sent = Outbox.withStatus(second, DeliveryStatus.SENT);
        assertThat(sent).hasSize(MESSAGES).allSatisfy(m -> assertThat(m.attempts()).isEqualTo(1));
        assertThat(Outbox.count(first, DeliveryStatus.QUEUED)).isZero();
        int onTimelines = 0;
        for (Customer c : customers) {
            List<Interaction> timeline = Outbox.timeline(first, c.id());
            assertThat(timeline).allSatisfy(i -> {
                assertThat(i.deliveryStatus()).isEqualTo(Optional.of(DeliveryStatus.SENT));
                assertThat(i.providerMessageId()).isPresent();
            });
            onTimelines += timeline.size();
        }
        assertThat(onTimelines).isEqualTo(MESSAGES);
    }

    /** Dispatches until a call finds nothing to do (bounded), returning how many messages it attempted. */
    private static int dispatchUntilEmpty(Crm crm, CountDownLatch start) throws InterruptedException {
        assertThat(start.await(30, TimeUnit.SECONDS)).isTrue();
        int attempted = 0;
        for (int round = 0; round < MESSAGES + 1; round++) {
            int n = crm.messaging().dispatchPending();
            if (n == 0) {
                return attempted;
            }
            attempted += n;
        }
        throw new AssertionError("dispatchPending() kept finding messages after " + MESSAGES + " rounds");
    }

    private static int sum(List<Future<Integer>> futures) throws Exception {
        int total = 0;
        for (Future<Integer> f : futures) {
            total += f.get(120, TimeUnit.SECONDS);
        }
        return total;
    }

    private Crm crm() {
        HttpSmsChannel sms = server.jsonSms("tok-shared");
        JdbcStorage storage = JdbcStorage.builder().url(url).tablePrefix(prefix).maximumPoolSize(THREADS_PER_CRM + 2)
                .build();
        // Small batches, so that the dispatchers of both CRMs claim in turn.
        return Crm.builder().storage(storage).messaging(MessagingSettings.builder().channel(sms).dispatcher(5, Duration.ofMinutes(2), Duration.ofSeconds(10)).build())
                .build();
    }

    private Crm open(Crm crm) {
        toClose.add(crm);
        return crm;
    }

    /** Drops every table whose name starts with the prefix (crmkit's tables and its migration history). */
    private static void dropTables(String url, String prefix) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            boolean maria = product.contains("maria") || product.contains("mysql");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (name.startsWith(prefix)) {
                        tables.add(name);
                    }
                }
            }
            if (maria) {
                s.execute("SET FOREIGN_KEY_CHECKS = 0");
            }
            for (String t : tables) {
                s.execute("DROP TABLE IF EXISTS " + t + (maria ? "" : " CASCADE"));
            }
            if (maria) {
                s.execute("SET FOREIGN_KEY_CHECKS = 1");
            }
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, prefix + "%", new String[] {"TABLE"})) {
                assertThat(rs.next()).as("tables with prefix %s left after dropping", prefix).isFalse();
            }
        }
    }
}
