package io.crmkit.core.audit;

import java.util.List;
import java.util.Optional;

/**
 * What {@link AuditService#verify} found.
 *
 * @param entriesChecked the entries whose hashes were recomputed
 * @param broken         the first broken link of each stream that has one, by stream; empty when every chain holds
 */
public record AuditVerification(long entriesChecked, List<BrokenLink> broken) {
    public AuditVerification {
        broken = List.copyOf(broken);
    }

    /** Whether every chain checked holds. */
    public boolean ok() {
        return broken.isEmpty();
    }

    /** The first broken link, in stream order. */
    public Optional<BrokenLink> firstBroken() {
        return broken.stream().findFirst();
    }

    /**
     * Where a chain breaks: the first entry of the stream that is missing, altered, out of place, or does not
     * match the stream's head.
     *
     * @param stream   the stream
     * @param sequence the sequence of the entry at fault (for a missing entry: the one that should be there)
     * @param reason   what is wrong, such as {@code "entry hash does not match its content"}
     */
    public record BrokenLink(int stream, long sequence, String reason) {
    }
}
