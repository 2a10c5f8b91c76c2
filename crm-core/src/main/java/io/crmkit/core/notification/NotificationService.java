package io.crmkit.core.notification;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * The acting user's inbox and delivery preferences. From {@code crm.as(actor).notifications()}; thread-safe. The inbox
 * holds the notices to the actor's user and to each department the actor is in ({@code Actor.departments()}); read
 * state is the user's own, so marking a department notice read marks it for that user only. Notices are raised by the
 * CRM itself, in the transaction of the change they report (see {@link NoticeKind}); none is raised for the actor's
 * own doing (assigning a task to oneself, mentioning oneself).
 */
public interface NotificationService {
    /** The actor's notices, newest first. */
    Page<InboxEntry> inbox(PageRequest page);

    /** The actor's unread notices, newest first. */
    Page<InboxEntry> unread(PageRequest page);

    /** How many of the actor's notices are unread. */
    long unreadCount();

    /** A notice of the actor's inbox; empty if there is none or it is another's. */
    Optional<InboxEntry> get(NoticeId id);

    /** As {@link #get}, for a notice that must be in the actor's inbox. */
    default InboxEntry require(NoticeId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no notice " + id));
    }

    /** Marks a notice read for the actor (again: keeps the first time). @throws NotFoundException if not in the inbox */
    InboxEntry markRead(NoticeId id);

    /** Marks every notice of the actor's inbox read; returns how many were unread. */
    int markAllRead();

    /** The actor's preferences; {@link NotificationPreferences#none} if they saved none. */
    NotificationPreferences preferences();

    /**
     * Saves a user's preferences: the actor's own (the system actor may save anyone's).
     *
     * @throws io.crmkit.core.AccessDeniedException if they are another user's
     * @throws io.crmkit.core.ValidationException    if a kind is pushed by email or SMS without that address
     */
    NotificationPreferences savePreferences(NotificationPreferences preferences);

    /** The email and SMS pushes of a notice in the actor's inbox to the actor, in id order. */
    List<NoticePush> pushes(NoticeId id);

    /**
     * Sends the due pushes now, on the caller's thread, as {@code crm.messaging().dispatchPending()} does for messages;
     * they also go out from the messaging background thread when it is configured. Returns how many were attempted.
     */
    int pushPending();
}
