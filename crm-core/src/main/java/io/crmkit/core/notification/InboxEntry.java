package io.crmkit.core.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A notice as one reader sees it in their inbox: with the time they read it, if they did. */
public record InboxEntry(Notice notice, Optional<Instant> readAt) {
    public InboxEntry {
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(readAt, "readAt");
    }

    public boolean isRead() {
        return readAt.isPresent();
    }
}
