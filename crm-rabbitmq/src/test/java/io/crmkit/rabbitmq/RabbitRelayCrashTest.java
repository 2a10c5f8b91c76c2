package io.crmkit.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.crmkit.core.Crm;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.event.EventRecord;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.jdbc.JdbcStorage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * 10,000 events relayed to RabbitMQ while the relaying JVM is killed ({@code destroyForcibly}) and another takes over,
 * and while the broker is restarted ({@code rabbitmqctl stop_app} / {@code start_app}): every event reaches the
 * consumer at least once, exactly once after de-duplication, each record's in position order. The events are
 * written through the storage port in chunks while the relays run, on PostgreSQL ({@code CRM_TEST_POSTGRES_URL}), the
 * database both JVMs share.
 */
class RabbitRelayCrashTest {
    private static final int EVENTS = 10_000;
    private static final int RECORDS = 200;
    private static final int CHUNK = 1_000;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private record Got(UUID id, UUID recordId, long position) {
    }

    @Test
    @Timeout(400)
    void everyEventArrivesOnceAfterDeduplicationInOrderPerRecordThroughAKilledRelayAndABrokerRestart() throws Exception {
        String amqp = Rabbit.url();
        String pg = System.getenv("CRM_TEST_POSTGRES_URL");
        assumeTrue(pg != null && !pg.isBlank(), "CRM_TEST_POSTGRES_URL is not set: skipped. The relays of this test run"
                + " in two JVMs on one database; set it, such as jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        assumeTrue(runs("rabbitmqctl", "status"), "rabbitmqctl cannot reach the broker: skipped (the test restarts it)");
        String prefix = "crm_rmq_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        String exchange = Rabbit.uniqueName("events");
        String queue = Rabbit.uniqueName("consumer");
        long started = System.nanoTime();
        List<Got> handled = new ArrayList<>();
        List<Process> relays = new ArrayList<>();
        try (JdbcStorage storage = JdbcStorage.builder().url(pg).tablePrefix(prefix).build();
             Crm crm = Crm.builder().storage(storage).build()) {
            Connection connection = Rabbit.factory(amqp).newConnection("crm-test-consumer");
            try {
                Channel admin = connection.createChannel();
                admin.exchangeDeclare(exchange, "topic", true); // durable: what it holds survives the restart
                admin.queueDeclare(queue, true, false, false, null);
                admin.queueBind(queue, exchange, "#");
                Channel consuming = connection.createChannel();
                consuming.basicQos(200);
                DeduplicatingConsumer consumer = new DeduplicatingConsumer(consuming, (id, props, body) -> {
                    Got got = new Got(UUID.fromString(id), UUID.fromString(String.valueOf(
                            props.getHeaders().get(RabbitEventSink.RECORD_ID_HEADER))),
                            ((Number) props.getHeaders().get(RabbitEventSink.POSITION_HEADER)).longValue());
                    synchronized (handled) {
                        handled.add(got);
                    }
                });
                consuming.basicConsume(queue, false, consumer);

                List<UUID> records = new ArrayList<>();
                for (int i = 0; i < RECORDS; i++) {
                    records.add(UUID.randomUUID());
                }
                relays.add(relay(pg, prefix, amqp, exchange, "relay-1"));
                int written = 0;
                boolean killed = false;
                boolean restarted = false;
                while (written < EVENTS) {
                    written = write(storage, records, written);
                    if (!killed && written >= 3 * CHUNK) {
                        int before = 2 * CHUNK;
                        await("relay-1 delivered " + before, () -> count(handled) >= before);
                        relays.get(0).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                        killed = true;
                        relays.add(relay(pg, prefix, amqp, exchange, "relay-2"));
                    }
                    if (!restarted && written >= 7 * CHUNK) {
                        int before = 5 * CHUNK;
                        await("relay-2 delivered " + before, () -> count(handled) >= before);
                        long down = System.nanoTime();
                        assertThat(runs("rabbitmqctl", "stop_app")).as("rabbitmqctl stop_app").isTrue();
                        assertThat(runs("rabbitmqctl", "start_app")).as("rabbitmqctl start_app").isTrue();
                        System.out.printf("broker restarted in %d ms%n", (System.nanoTime() - down) / 1_000_000);
                        restarted = true;
                    }
                }
                await("every event handled", () -> count(handled) >= EVENTS);
                await("every event marked delivered", () -> crm.events().undelivered() == 0);

                List<EventRecord> stored = new ArrayList<>();
                for (long after = 0; stored.size() < EVENTS; ) {
                    List<EventRecord> page = crm.events().read(after, 1_000).events();
                    assertThat(page).isNotEmpty();
                    stored.addAll(page);
                    after = page.get(page.size() - 1).position();
                }
                List<Got> got;
                synchronized (handled) {
                    got = new ArrayList<>(handled);
                }
                assertThat(got).extracting(Got::id).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(stored.stream().map(EventRecord::id).toList());
                Map<UUID, Long> last = new HashMap<>();
                for (Got g : got) {
                    Long before = last.put(g.recordId(), g.position());
                    if (before != null) {
                        assertThat(g.position()).as("record %s's events in order", g.recordId()).isGreaterThan(before);
                    }
                }
                assertThat(last).hasSize(RECORDS);
                System.out.printf("%d events handled once, %d duplicates dropped, in %d ms%n", got.size(),
                        consumer.duplicates(), (System.nanoTime() - started) / 1_000_000);
                admin = connection.createChannel();
                admin.queueDelete(queue);
                admin.exchangeDelete(exchange);
            } finally {
                connection.abort();
            }
        } finally {
            relays.forEach(Process::destroyForcibly);
            dropTables(pg, prefix);
        }
    }

    /** Writes the next chunk of events in one unit of work, round robin over the records; returns how many are written. */
    private static int write(JdbcStorage storage, List<UUID> records, int written) {
        int n = Math.min(CHUNK, EVENTS - written);
        storage.inTransaction(r -> {
            long first = r.events().reservePositions(n);
            List<EventRecord> chunk = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int k = written + i;
                chunk.add(new EventRecord(UUID.randomUUID(), first + i, "customer.updated", RecordKind.CUSTOMER,
                        records.get(k % RECORDS), OptionalLong.of(k / RECORDS + 1L), List.of("tags"),
                        Instant.now(), UserRef.of("load"), AuditSource.API));
            }
            r.events().insert(chunk);
            return n;
        });
        return written + n;
    }

    private static Process relay(String pg, String prefix, String amqp, String exchange, String owner) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("crm-" + owner + "-", ".log");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RelayMain.class.getName(), pg,
                prefix, amqp, exchange, owner).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        System.out.println(owner + " started, output in " + log);
        return p;
    }

    private static int count(List<Got> handled) {
        synchronized (handled) {
            return handled.size();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(20); // polling a condition, not timing a result
        }
    }

    private static boolean runs(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static void dropTables(String pg, String prefix) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(pg);
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = c.getMetaData().getTables(null, null, prefix + "%", new String[] {"TABLE"})) {
            Set<String> tables = new HashSet<>();
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
            for (String t : tables) {
                s.executeUpdate("DROP TABLE IF EXISTS " + t + " CASCADE");
            }
        }
    }
}
