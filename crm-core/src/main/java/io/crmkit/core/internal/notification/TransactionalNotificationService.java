package io.crmkit.core.internal.notification;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.Checks;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.notification.Inbox;
import io.crmkit.core.notification.InboxEntry;
import io.crmkit.core.notification.NoticeId;
import io.crmkit.core.notification.NoticeKind;
import io.crmkit.core.notification.NoticePush;
import io.crmkit.core.notification.NotificationPreferences;
import io.crmkit.core.notification.NotificationRepository;
import io.crmkit.core.notification.NotificationService;
import io.crmkit.core.notification.PushChannel;
import io.crmkit.core.security.Actor;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The acting user's inbox: every read and change is of the notices to the actor's user and departments. */
public final class TransactionalNotificationService implements NotificationService {
    private final Engine engine;
    private final Actor actor;
    private final Inbox inbox;

    public TransactionalNotificationService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.inbox = new Inbox(actor.user(), actor.departments());
    }

    @Override
    public Page<InboxEntry> inbox(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return engine.read(r -> r.notifications().inbox(inbox, false, page));
    }

    @Override
    public Page<InboxEntry> unread(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return engine.read(r -> r.notifications().inbox(inbox, true, page));
    }

    @Override
    public long unreadCount() {
        return engine.read(r -> r.notifications().countUnread(inbox));
    }

    @Override
    public Optional<InboxEntry> get(NoticeId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(r -> entry(r.notifications(), id));
    }

    /** The notice as the actor sees it, if it is in the actor's inbox. */
    private Optional<InboxEntry> entry(NotificationRepository repo, NoticeId id) {
        return repo.findById(id).filter(inbox::holds)
                .map(n -> new InboxEntry(n, repo.readAt(id, actor.user())));
    }

    @Override
    public InboxEntry markRead(NoticeId id) {
        Objects.requireNonNull(id, "id");
        return engine.write(tx -> {
            NotificationRepository repo = tx.repos().notifications();
            InboxEntry entry = entry(repo, id).orElseThrow(() -> new NotFoundException("no notice " + id));
            if (entry.isRead()) {
                return entry;
            }
            repo.markRead(id, actor.user(), tx.now());
            return new InboxEntry(entry.notice(), Optional.of(tx.now()));
        });
    }

    @Override
    public int markAllRead() {
        return engine.write(tx -> tx.repos().notifications().markAllRead(inbox, tx.now(), tx.now()));
    }

    @Override
    public NotificationPreferences preferences() {
        return engine.read(r -> r.notifications().preferences(actor.user()))
                .orElseGet(() -> NotificationPreferences.none(actor.user()));
    }

    @Override
    public NotificationPreferences savePreferences(NotificationPreferences preferences) {
        Objects.requireNonNull(preferences, "preferences");
        if (!actor.isSystem() && !preferences.user().equals(actor.user())) {
            throw new AccessDeniedException(actor.user() + " may not save the notification preferences of "
                    + preferences.user());
        }
        Checks checks = new Checks();
        for (NoticeKind kind : NoticeKind.values()) {
            String field = "push." + kind.name().toLowerCase(Locale.ROOT);
            var channels = preferences.channels(kind);
            checks.require(!channels.contains(PushChannel.EMAIL) || preferences.email().isPresent(), field,
                    "email_missing", "pushes by email but the preferences give no email address");
            checks.require(!channels.contains(PushChannel.SMS) || preferences.phone().isPresent(), field,
                    "phone_missing", "pushes by SMS but the preferences give no phone number");
        }
        checks.throwIfAny();
        return engine.write(tx -> {
            tx.repos().notifications().savePreferences(preferences);
            return preferences;
        });
    }

    @Override
    public List<NoticePush> pushes(NoticeId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(r -> entry(r.notifications(), id)
                .map(e -> r.notifications().pushes(id).stream().filter(p -> p.user().equals(actor.user())).toList())
                .orElseThrow(() -> new NotFoundException("no notice " + id)));
    }

    @Override
    public int pushPending() {
        return engine.component(NoticePusher.class).pushPending();
    }
}
