package io.crmkit.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.audit.AuditHead;
import io.crmkit.core.audit.AuditSettings;
import io.crmkit.core.audit.AuditVerification.BrokenLink;
import io.crmkit.core.audit.AuditVerification;
import io.crmkit.core.audit.FieldChange;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Altering the audit trail kept in memory, below the services (as someone with access to the heap could), is
 * found by {@code verify}: a value, a hash, the order of two entries, an entry in the middle or at the end.
 */
class MemoryAuditTamperTest {
    private final InMemoryStorage storage = InMemoryStorage.create();
    private final Crm crm = Crm.builder().storage(storage).audit(AuditSettings.builder().streams(1).build()).build();

    @BeforeEach
    void tenEntries() {
        Customer c = crm.customers().create(NewCustomer.person("v1"));
        for (int i = 2; i <= 10; i++) {
            c = crm.customers().update(c.edit().displayName("v" + i));
        }
        assertThat(crm.audit().verify().ok()).isTrue();
        assertThat(crm.audit().verify().entriesChecked()).isEqualTo(10);
    }

    @AfterEach
    void close() {
        crm.close();
    }

    private void tamper(Consumer<MemoryAudit> change) {
        storage.inTransaction(repos -> {
            change.accept((MemoryAudit) repos.audit());
            return null;
        });
    }

    private static AuditEntry stored(MemoryAudit audit, long sequence) {
        return audit.find(0, sequence).orElseThrow();
    }

    private static AuditEntry with(AuditEntry e, long sequence, List<FieldChange> changes, String hash) {
        return new AuditEntry(e.stream(), sequence, e.at(), e.actor(), e.source(), e.kind(), e.recordId(), e.action(),
                changes, e.salt(), e.previousHash(), hash);
    }

    private BrokenLink broken() {
        AuditVerification v = crm.audit().verify();
        assertThat(v.ok()).isFalse();
        return v.firstBroken().orElseThrow();
    }

    @Test
    void aChangedValueIsFound() {
        tamper(a -> {
            AuditEntry e = stored(a, 5);
            List<FieldChange> changes = new ArrayList<>();
            for (FieldChange c : e.changes()) {
                changes.add(new FieldChange(c.field(), c.oldValue(), c.newValue().map(v -> v + "!"), c.oldHash(), c.newHash()));
            }
            a.entryTable().put(MemoryAudit.id(0, 5), with(e, 5, changes, e.hash()));
        });

        assertThat(broken()).isEqualTo(new BrokenLink(0, 5, "a value of field displayName does not match its hash"));
    }

    @Test
    void aChangedHashIsFound() {
        tamper(a -> {
            AuditEntry e = stored(a, 7);
            a.entryTable().put(MemoryAudit.id(0, 7), with(e, 7, e.changes(), AuditEntry.GENESIS));
        });

        assertThat(broken()).isEqualTo(new BrokenLink(0, 7, "entry hash does not match its content"));
    }

    @Test
    void twoEntriesSwappedAreFound() {
        tamper(a -> {
            AuditEntry fourth = stored(a, 4);
            AuditEntry fifth = stored(a, 5);
            a.entryTable().put(MemoryAudit.id(0, 4), with(fifth, 4, fifth.changes(), fifth.hash()));
            a.entryTable().put(MemoryAudit.id(0, 5), with(fourth, 5, fourth.changes(), fourth.hash()));
        });

        assertThat(broken()).isEqualTo(new BrokenLink(0, 4, "previous hash does not match the entry before"));
    }

    @Test
    void anEntryDeletedInTheMiddleIsFound() {
        tamper(a -> a.entryTable().delete(MemoryAudit.id(0, 6)));

        assertThat(broken()).isEqualTo(new BrokenLink(0, 6, "entry missing"));
    }

    @Test
    void theLastEntryDeletedIsFoundThroughTheHead() {
        tamper(a -> a.entryTable().delete(MemoryAudit.id(0, 10)));

        assertThat(broken()).isEqualTo(new BrokenLink(0, 10, "entry missing"));
    }

    @Test
    void theLastEntryAndTheHeadSetBackAreFound() {
        tamper(a -> {
            AuditEntry ninth = stored(a, 9);
            a.entryTable().delete(MemoryAudit.id(0, 10));
            a.headTable().put(new java.util.UUID(0, -1), new AuditHead(0, 9, ninth.hash()));
        });

        assertThat(crm.audit().verify().ok()).as("a chain cut together with its head is a shorter chain").isTrue();
        assertThat(crm.audit().verify().entriesChecked()).isEqualTo(9);
    }

    @Test
    void aHeadSetBackBehindItsEntriesIsFound() {
        tamper(a -> a.headTable().put(new java.util.UUID(0, -1), AuditHead.empty(0)));

        assertThat(broken()).isEqualTo(new BrokenLink(0, 1, "the stream holds entries beyond its head"));
    }

    @Test
    void erasedValuesWithTheirSaltStillVerify() {
        tamper(a -> {
            for (long s = 1; s <= 10; s++) {
                AuditEntry e = stored(a, s);
                a.entryTable().put(MemoryAudit.id(0, s), new AuditEntry(e.stream(), s, e.at(), e.actor(), e.source(),
                        e.kind(), e.recordId(), e.action(), e.changes().stream().map(FieldChange::withoutValues).toList(),
                        Optional.empty(), e.previousHash(), e.hash()));
            }
        });

        AuditVerification v = crm.audit().verify();
        assertThat(v.ok()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(10);
        assertThat(crm.audit().entry(0, 3).orElseThrow().changes()).allSatisfy(c -> assertThat(c.isErased()).isTrue());
    }

    @Test
    void valuesKeptWithoutTheirSaltAreFound() {
        tamper(a -> {
            AuditEntry e = stored(a, 2);
            a.entryTable().put(MemoryAudit.id(0, 2), new AuditEntry(e.stream(), 2, e.at(), e.actor(), e.source(),
                    e.kind(), e.recordId(), e.action(), e.changes(), Optional.empty(), e.previousHash(), e.hash()));
        });

        assertThat(broken()).isEqualTo(new BrokenLink(0, 2, "values of field displayName are kept without their salt"));
    }
}
