package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.audit.AuditSettings;
import io.crmkit.core.audit.AuditVerification.BrokenLink;
import io.crmkit.core.audit.AuditVerification;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Altering the audit tables with plain SQL, as someone with write access to the database could, is found by
 * {@code verify} on every database: a value, a hash, the order of two entries, an entry in the middle, the last entry.
 */
class JdbcAuditTamperTest {
    private String url;
    private String prefix;
    private TestDb db;
    private Crm crm;

    /** A CRM on {@code db} with one stream holding ten entries: a customer made and changed nine times. */
    private void tenEntries(TestDb on) {
        on.assumeAvailable();
        db = on;
        url = on.url();
        prefix = TestDb.newPrefix();
        crm = Crm.builder().storage(JdbcStorage.builder().url(url).tablePrefix(prefix).maximumPoolSize(2).build())
                .audit(AuditSettings.builder().streams(1).build()).build();
        Customer c = crm.customers().create(NewCustomer.person("v1 张三 😀"));
        for (int i = 2; i <= 10; i++) {
            c = crm.customers().update(c.edit().displayName("v" + i + " 张三 😀"));
        }
        AuditVerification v = crm.audit().verify();
        assertThat(v.ok()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(10);
    }

    @AfterEach
    void close() {
        if (crm != null) {
            crm.close();
            if (db != TestDb.H2) {
                TestDb.dropTables(url, prefix);
            }
        }
    }

    private void sql(String... statements) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement.replace("{p}", prefix));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private BrokenLink broken() {
        AuditVerification v = crm.audit().verify();
        assertThat(v.ok()).isFalse();
        return v.firstBroken().orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void aChangedValueIsFound(TestDb on) {
        tenEntries(on);

        sql("UPDATE {p}audit_entries SET changes = REPLACE(changes, 'v5 张三', 'v6 张三') WHERE stream = 0 AND seq = 5");

        assertThat(broken()).isEqualTo(new BrokenLink(0, 5, "a value of field displayName does not match its hash"));
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void aChangedHashIsFound(TestDb on) {
        tenEntries(on);

        sql("UPDATE {p}audit_entries SET entry_hash = '" + "0".repeat(64) + "' WHERE stream = 0 AND seq = 7");

        assertThat(broken()).isEqualTo(new BrokenLink(0, 7, "entry hash does not match its content"));
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void twoEntriesSwappedAreFound(TestDb on) {
        tenEntries(on);

        sql("UPDATE {p}audit_entries SET seq = -4 WHERE stream = 0 AND seq = 4",
                "UPDATE {p}audit_entries SET seq = 4 WHERE stream = 0 AND seq = 5",
                "UPDATE {p}audit_entries SET seq = 5 WHERE stream = 0 AND seq = -4");

        // rows are kept by a key of their own (stream and sequence as one number): the row in the place of 4 says 5
        assertThat(broken()).isEqualTo(new BrokenLink(0, 4, "entry missing"));
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void anEntryGivenAnEarlierSequenceIsFound(TestDb on) {
        tenEntries(on);

        sql("UPDATE {p}audit_entries SET seq = 2 WHERE stream = 0 AND seq = 6");

        assertThat(broken()).isEqualTo(new BrokenLink(0, 6, "entry out of place (it says 0/2)"));
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void anEntryDeletedInTheMiddleIsFound(TestDb on) {
        tenEntries(on);

        sql("DELETE FROM {p}audit_entries WHERE stream = 0 AND seq = 6");

        assertThat(broken()).isEqualTo(new BrokenLink(0, 6, "entry missing"));
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void theLastEntryDeletedIsFoundThroughTheHead(TestDb on) {
        tenEntries(on);

        sql("DELETE FROM {p}audit_entries WHERE stream = 0 AND seq = 10");

        assertThat(broken()).isEqualTo(new BrokenLink(0, 10, "entry missing"));
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void changesThatNoLongerReadAreReportedNotThrown(TestDb on) {
        tenEntries(on);

        sql("UPDATE {p}audit_entries SET changes = 'rewritten' WHERE stream = 0 AND seq = 3");

        assertThat(broken()).isEqualTo(new BrokenLink(0, 3, "entry hash does not match its content"));
    }
}
