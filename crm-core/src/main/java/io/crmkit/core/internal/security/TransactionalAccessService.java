package io.crmkit.core.internal.security;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.security.AccessService;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.Share;
import io.crmkit.core.security.ShareAccess;
import io.crmkit.core.security.ShareCause;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.sales.OpportunityId;
import io.crmkit.core.task.TaskId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Shares and questions of access, each in one transaction, checked by the acting user's {@link Guard}. */
public final class TransactionalAccessService implements AccessService {
    private final Engine engine;
    private final Actor actor;
    private final Guard guard;

    public TransactionalAccessService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
    }

    @Override
    public Share share(RecordKind kind, UUID recordId, Grantee grantee, ShareAccess access, ShareCause cause) {
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(cause, "cause");
        checkShareable(kind, recordId);
        return engine.write(tx -> {
            require(tx.repos(), kind, recordId, Action.EDIT);
            Share share = new Share(kind, recordId, grantee, access, cause, actor.user(), tx.now());
            tx.repos().shares().put(share);
            tx.audit(actor.user(), kind, recordId, AuditAction.SHARE, () -> List.of(new AuditChain.Change(
                    "shares." + granteeKey(grantee), Optional.empty(), Optional.of(access + " (" + cause + ")"))));
            return share;
        });
    }

    @Override
    public boolean unshare(RecordKind kind, UUID recordId, Grantee grantee) {
        Objects.requireNonNull(grantee, "grantee");
        checkShareable(kind, recordId);
        return engine.write(tx -> {
            require(tx.repos(), kind, recordId, Action.EDIT);
            Optional<ShareAccess> before = tx.repos().shares().of(kind, recordId).stream()
                    .filter(s -> s.grantee().equals(grantee)).map(Share::access).findFirst();
            boolean removed = tx.repos().shares().remove(kind, recordId, grantee);
            if (removed) {
                tx.audit(actor.user(), kind, recordId, AuditAction.UNSHARE, () -> List.of(new AuditChain.Change(
                        "shares." + granteeKey(grantee), before.map(ShareAccess::name), Optional.empty())));
            }
            return removed;
        });
    }

    @Override
    public List<Share> sharesOf(RecordKind kind, UUID recordId) {
        checkShareable(kind, recordId);
        return engine.read(repos -> {
            require(repos, kind, recordId, Action.READ);
            return repos.shares().of(kind, recordId);
        });
    }

    @Override
    public boolean can(Action action, RecordKind kind, UUID recordId) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recordId, "recordId");
        return engine.read(repos -> guard.permits(repos, kind, recordId, action));
    }

    private void require(Repositories repos, RecordKind kind, UUID recordId, Action action) {
        if (kind == RecordKind.CUSTOMER) {
            guard.require(repos, new CustomerId(recordId), RecordKind.CUSTOMER, action);
        } else if (kind == RecordKind.OPPORTUNITY) {
            guard.require(repos, repos.opportunities().findById(new OpportunityId(recordId))
                    .orElseThrow(() -> new NotFoundException("no opportunity " + recordId)), action);
        } else {
            guard.require(repos, repos.tasks().findById(new TaskId(recordId))
                    .orElseThrow(() -> new NotFoundException("no task " + recordId)), action);
        }
    }

    /** "user:li" or "department:华东销售部": a grantee as the audit trail names the field. */
    private static String granteeKey(Grantee grantee) {
        return (grantee instanceof DepartmentRef ? "department:" : "user:") + grantee.id();
    }

    private static void checkShareable(RecordKind kind, UUID recordId) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recordId, "recordId");
        if (!Share.isShareable(kind)) {
            throw ValidationException.of("kind", "not_shareable", "only customers, tasks and opportunities are shared, not " + kind
                    + "; records that belong to a customer come with it"
                    + (kind == RecordKind.DOCUMENT ? "; documents are granted with crm.documents().grant(...)" : ""));
        }
    }
}
