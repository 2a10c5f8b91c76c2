package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.notification.Inbox;
import io.crmkit.core.notification.InboxEntry;
import io.crmkit.core.notification.Notice;
import io.crmkit.core.notification.NoticeId;
import io.crmkit.core.notification.NoticePush;
import io.crmkit.core.notification.NotificationPreferences;
import io.crmkit.core.notification.NotificationRepository;
import io.crmkit.core.notification.PushStatus;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * Notices by id (looked up by recipient), read marks by notice and reader, preferences by user, and the push queue
 * (its QUEUED rows as the active set).
 */
record MemoryNotifications(Table<Notice> notices, Table<ReadMark> reads, Table<NotificationPreferences> prefs,
                           Table<NoticePush> pushTable) implements NotificationRepository {
    private static final Keyset<InboxEntry, Cursor.TimeKey> NEWEST = Keyset.newestFirst(e -> e.notice().at(),
            e -> e.notice().id().value());

    /** That {@code reader} read notice {@code noticeId} at {@code at}. */
    record ReadMark(NoticeId noticeId, UserRef reader, Instant at) {
    }

    static MemoryNotifications create(Deque<Runnable> undo, ReentrantReadWriteLock lock) {
        return new MemoryNotifications(new Table<>(undo, lock, n -> List.of(), n -> List.of(n.recipient()), n -> false),
                new Table<>(undo, lock), new Table<>(undo, lock),
                new Table<>(undo, lock, p -> List.of(), p -> List.of(p.noticeId()), p -> p.status() == PushStatus.QUEUED));
    }

    void clear() {
        notices.clear();
        reads.clear();
        prefs.clear();
        pushTable.clear();
    }

    private static UUID key(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
    }

    private static UUID readKey(NoticeId id, UserRef reader) {
        return key(id.toString(), reader.id());
    }

    @Override
    public void insert(Notice notice) {
        notices.insert(notice.id().value(), notice);
    }

    @Override
    public Optional<Notice> findById(NoticeId id) {
        return notices.get(id.value());
    }

    private Stream<InboxEntry> entries(Inbox inbox) {
        return inbox.recipients().stream().flatMap(notices::byLookupKey).filter(inbox::holds)
                .map(n -> new InboxEntry(n, readAt(n.id(), inbox.user())));
    }

    @Override
    public Page<InboxEntry> inbox(Inbox inbox, boolean unreadOnly, PageRequest page) {
        return NEWEST.page(entries(inbox).filter(e -> !unreadOnly || !e.isRead()), page);
    }

    @Override
    public long countUnread(Inbox inbox) {
        return entries(inbox).filter(e -> !e.isRead()).count();
    }

    @Override
    public Optional<Instant> readAt(NoticeId id, UserRef reader) {
        return reads.get(readKey(id, reader)).map(ReadMark::at);
    }

    @Override
    public boolean markRead(NoticeId id, UserRef reader, Instant at) {
        if (readAt(id, reader).isPresent()) {
            return false;
        }
        notices.get(id.value()).orElseThrow(() -> new io.crmkit.core.NotFoundException("no notice " + id));
        reads.insert(readKey(id, reader), new ReadMark(id, reader, at));
        return true;
    }

    @Override
    public int markAllRead(Inbox inbox, Instant upTo, Instant at) {
        List<InboxEntry> unread = entries(inbox).filter(e -> !e.isRead() && !e.notice().at().isAfter(upTo)).toList();
        unread.forEach(e -> reads.insert(readKey(e.notice().id(), inbox.user()), new ReadMark(e.notice().id(), inbox.user(), at)));
        return unread.size();
    }

    @Override
    public void savePreferences(NotificationPreferences preferences) {
        prefs.upsert(key(preferences.user().id()), preferences);
    }

    @Override
    public Optional<NotificationPreferences> preferences(UserRef user) {
        return prefs.get(key(user.id()));
    }

    @Override
    public void insertPush(NoticePush push) {
        pushTable.insert(push.id(), push);
    }

    @Override
    public List<NoticePush> claimDuePushes(Instant now, int limit, Instant leaseUntil) {
        if (limit < 1) {
            return List.of();
        }
        List<NoticePush> due = pushTable.active()
                .filter(p -> !p.nextAttemptAt().isAfter(now) && p.leaseUntil().map(l -> !l.isAfter(now)).orElse(true))
                .sorted(Comparator.comparing(NoticePush::nextAttemptAt).thenComparing(NoticePush::id))
                .limit(limit).toList();
        return due.stream().map(p -> {
            NoticePush leased = p.leased(leaseUntil, now);
            pushTable.replace(p.id(), leased, NoticePush::version, "notice push");
            return leased;
        }).toList();
    }

    @Override
    public void updatePush(NoticePush push) {
        pushTable.replace(push.id(), push, NoticePush::version, "notice push");
    }

    @Override
    public List<NoticePush> pushes(NoticeId id) {
        return pushTable.byLookupKey(id).sorted(Comparator.comparing(NoticePush::id)).toList();
    }
}
