package io.crmkit.core.audit;

import java.util.Objects;

/**
 * The newest entry of a stream, as the stream's head row keeps it: appending locks it, so the entries of one
 * stream are written one transaction at a time, and {@code verify} compares it with the newest stored entry, so
 * deleting entries from the end of a chain is detected.
 *
 * @param stream       the stream
 * @param lastSequence the sequence of its newest entry, 0 while it has none
 * @param lastHash     that entry's hash, {@link AuditEntry#GENESIS} while it has none
 */
public record AuditHead(int stream, long lastSequence, String lastHash) {
    public AuditHead {
        Objects.requireNonNull(lastHash, "lastHash");
    }

    /** The head of a stream without entries. */
    public static AuditHead empty(int stream) {
        return new AuditHead(stream, 0, AuditEntry.GENESIS);
    }

    /** The head after {@code entry} was appended. */
    public AuditHead after(AuditEntry entry) {
        return new AuditHead(stream, entry.sequence(), entry.hash());
    }
}
