package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.audit.AuditSettings;
import io.crmkit.core.audit.AuditVerification;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.Actor;
import io.crmkit.jdbc.internal.Migrations;
import io.crmkit.jdbc.internal.sql.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Audit entries written before version 20 (keyed by stream and sequence) still verify, read and grow after it
 * (keyed by one number), on every database: the rows of a real trail are copied into a schema at version 15, which
 * today's storage then migrates.
 */
class UpgradeAuditKeysTest {
    private static final String COLUMNS = "stream, seq, recorded_at, actor, source, record_kind, record_id, entry_action,"
            + " changes, salt, previous_hash, entry_hash";
    @TempDir
    Path dir;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private TestDb db;
    private String url;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        if (db != null && db != TestDb.H2) {
            prefixes.forEach(p -> TestDb.dropTables(url, p));
        }
    }

    private Crm crm(String prefix) {
        Crm crm = Crm.builder().storage(JdbcStorage.builder().url(url).tablePrefix(prefix).maximumPoolSize(2).build())
                .audit(AuditSettings.builder().streams(2).build()).build();
        opened.add(0, crm);
        return crm;
    }

    private String newPrefix() {
        String prefix = TestDb.newPrefix();
        prefixes.add(prefix);
        return prefix;
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void entriesOfAnEarlierSchemaVerifyAndTheChainGoesOn(TestDb on) throws Exception {
        on.assumeAvailable();
        db = on;
        url = on == TestDb.H2 ? "jdbc:h2:file:" + dir.resolve("crm").toAbsolutePath() + ";LOCK_TIMEOUT=10000" : on.url();
        String written = newPrefix();
        Crm source = crm(written);
        Customer c = source.customers().create(NewCustomer.person("v1 张三 😀"));
        for (int i = 2; i <= 12; i++) {
            c = source.customers().update(c.edit().displayName("v" + i + " 张三 'O''Brien'; --"));
        }
        assertThat(source.audit().verify().entriesChecked()).isEqualTo(12);

        String old = newPrefix();
        try (Connection connection = DriverManager.getConnection(url)) {
            Migrations.migrateTo(url, null, null, Dialect.detect(connection), old, "15");
            copy(connection, "SELECT " + COLUMNS + " FROM " + written + "audit_entries",
                    "INSERT INTO " + old + "audit_entries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("DELETE FROM " + old + "audit_heads");
            }
            copy(connection, "SELECT stream, last_seq, last_hash FROM " + written + "audit_heads",
                    "INSERT INTO " + old + "audit_heads (stream, last_seq, last_hash) VALUES (?, ?, ?)");
            copy(connection, "SELECT * FROM " + written + "customers", "INSERT INTO " + old + "customers VALUES ("
                    + "?, ".repeat(columns(connection, written + "customers") - 1) + "?)");
        }

        Crm upgraded = crm(old);
        AuditVerification before = upgraded.audit().verify();
        assertThat(before.ok()).isTrue();
        assertThat(before.entriesChecked()).isEqualTo(12);
        List<AuditEntry> history = upgraded.audit().history(RecordKind.CUSTOMER, c.id().value(), PageRequest.first(50))
                .items();
        assertThat(history).hasSize(12);
        assertThat(history).isEqualTo(source.audit().history(RecordKind.CUSTOMER, c.id().value(), PageRequest.first(50))
                .items());
        assertThat(upgraded.audit().entry(history.get(5).stream(), history.get(5).sequence())).contains(history.get(5));

        upgraded.customers().update(upgraded.customers().require(c.id()).edit().displayName("after the upgrade"));
        AuditVerification after = upgraded.audit().verify();
        assertThat(after.ok()).isTrue();
        assertThat(after.entriesChecked()).isEqualTo(13);
        assertThat(upgraded.audit().byActor(Actor.system().user(), Instant.EPOCH, Instant.now().plusSeconds(60),
                PageRequest.first(50)).items()).hasSize(13);
    }

    private static int columns(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            return r.getMetaData().getColumnCount();
        }
    }

    private static void copy(Connection connection, String select, String insert) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(select);
             PreparedStatement p = connection.prepareStatement(insert)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                for (int i = 1; i <= n; i++) {
                    p.setObject(i, r.getObject(i));
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
