package io.crmkit.core.internal.notification;

import io.crmkit.core.document.DocumentEvent;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.notification.Notice;
import io.crmkit.core.notification.NoticeId;
import io.crmkit.core.notification.NoticeKind;
import io.crmkit.core.notification.NotificationEvent;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseEvent;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskComment;
import io.crmkit.core.task.TaskEvent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Raises the notices of domain events in their own transaction: a task assigned (to its user, or its department when
 * it names no user), a service case breaching a service level (to its assignee), a mention in a task comment, a
 * document shared (to the grantee). Nobody is notified of their own doing.
 */
final class NoticeReactor implements Engine.Reactor {
    private final Clock clock;
    private final NoticePusher pusher;

    NoticeReactor(Clock clock, NoticePusher pusher) {
        this.clock = clock;
        this.pusher = pusher;
    }

    @Override
    public void react(Engine.Tx tx, DomainEvent event) {
        if (event instanceof TaskEvent.Assigned a) {
            recipient(a.assignee()).ifPresent(to -> raise(tx, NoticeKind.TASK_ASSIGNED, to, a.taskId().value(), a.actor()));
        } else if (event instanceof TaskEvent.Commented c) {
            mentioned(tx, c).forEach(u -> raise(tx, NoticeKind.MENTIONED, u, c.taskId().value(), c.actor()));
        } else if (event instanceof ServiceCaseEvent.SlaBreached b) {
            tx.repos().serviceCases().findById(b.caseId()).flatMap(ServiceCase::assignee).flatMap(NoticeReactor::recipient)
                    .ifPresent(to -> raise(tx, NoticeKind.CASE_BREACHED, to, b.caseId().value(), b.actor()));
        } else if (event instanceof DocumentEvent.Shared s) {
            raise(tx, NoticeKind.DOCUMENT_SHARED, s.grantee(), s.documentId().value(), s.actor());
        }
    }

    /** The assignee's user, or its department when it names no user. */
    private static Optional<Grantee> recipient(Assignee assignee) {
        return assignee.user().<Grantee>map(u -> u).or(() -> assignee.department().map(d -> d));
    }

    private static List<UserRef> mentioned(Engine.Tx tx, TaskEvent.Commented c) {
        Optional<Task> task = tx.repos().tasks().findById(c.taskId());
        if (task.isEmpty() || c.comment() < 1 || c.comment() > task.get().comments().size()) {
            return List.of();
        }
        TaskComment comment = task.get().comments().get(c.comment() - 1);
        return List.copyOf(Mentions.in(comment.text()));
    }

    private void raise(Engine.Tx tx, NoticeKind kind, Grantee to, UUID recordId, UserRef actor) {
        if (to.equals(actor)) {
            return;
        }
        Notice notice = new Notice(new NoticeId(Ids.uuid7(clock)), kind, to, kind.recordKind(), recordId, actor, tx.now());
        tx.repos().notifications().insert(notice);
        tx.raise(new NotificationEvent.Raised(notice.id(), kind, to, tx.now(), actor));
        if (to instanceof UserRef user) {
            pusher.queue(tx, notice, user);
        }
    }
}
