package io.crmkit.core.notification;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage port for notices, their per-reader read state, delivery preferences and the push queue. Inbox lists hold
 * only the notices to the {@link Inbox}'s user and departments, newest first (time, then id, descending).
 * {@link #claimDuePushes} must be safe with several senders on one database, as the messaging outbox's claims are.
 */
public interface NotificationRepository {
    /** Stores a new notice. @throws io.crmkit.core.ConflictException if its id is taken */
    void insert(Notice notice);

    Optional<Notice> findById(NoticeId id);

    /** The notices of {@code inbox}, newest first, only the ones its user has not read if {@code unreadOnly}. */
    Page<InboxEntry> inbox(Inbox inbox, boolean unreadOnly, PageRequest page);

    /** How many notices of {@code inbox} its user has not read. */
    long countUnread(Inbox inbox);

    /** When {@code reader} read the notice, if they did. */
    Optional<Instant> readAt(NoticeId id, UserRef reader);

    /** Records that {@code reader} read the notice at {@code at}; false (and nothing changed) if they had already. */
    boolean markRead(NoticeId id, UserRef reader, Instant at);

    /** Marks every notice of {@code inbox} raised at or before {@code upTo} and not yet read as read at {@code at}. */
    int markAllRead(Inbox inbox, Instant upTo, Instant at);

    /** Stores a user's preferences, replacing the ones they had. */
    void savePreferences(NotificationPreferences preferences);

    Optional<NotificationPreferences> preferences(UserRef user);

    /** Queues a push. @throws io.crmkit.core.ConflictException if its id is taken */
    void insertPush(NoticePush push);

    /**
     * Leases up to {@code limit} QUEUED pushes due at {@code now} whose lease is absent or over, earliest
     * {@code nextAttemptAt} first, setting their lease to {@code leaseUntil}; returns them as stored after the lease.
     */
    List<NoticePush> claimDuePushes(Instant now, int limit, Instant leaseUntil);

    /**
     * Replaces a push whose stored version is {@code push.version() - 1}.
     *
     * @throws io.crmkit.core.ConflictException if the stored version differs
     * @throws io.crmkit.core.NotFoundException if there is no such push
     */
    void updatePush(NoticePush push);

    /** The pushes of a notice, in id order. */
    List<NoticePush> pushes(NoticeId id);
}
