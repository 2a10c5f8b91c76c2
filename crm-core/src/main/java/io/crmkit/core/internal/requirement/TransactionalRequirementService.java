package io.crmkit.core.internal.requirement;

import io.crmkit.core.Checks;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.requirement.NewRequirement;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.requirement.RequirementEvent;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.requirement.RequirementService;
import io.crmkit.core.requirement.RequirementStatus;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.Priority;
import io.crmkit.core.workflow.StatusChange;
import io.crmkit.core.workflow.Workflow;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

public final class TransactionalRequirementService implements RequirementService {

    private final Engine engine;
    private final Actor actor;
    private final Guard guard;

    public TransactionalRequirementService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
    }

    @Override
    public Requirement create(NewRequirement in) {
        Objects.requireNonNull(in, "requirement");
        Checks checks = new Checks();
        String title = checks.required("title", in.title(), Requirement.MAX_TITLE);
        String description = checks.multiline("description", in.description().orElse(null), Requirement.MAX_DESCRIPTION);
        checks.throwIfAny();
        Objects.requireNonNull(title, "title"); // null only with a violation
        return engine.write(tx -> {
            guard.require(tx.repos(), in.customerId(), RecordKind.REQUIREMENT, Action.CREATE);
            in.sourceInteraction().ifPresent(iid -> {
                Interaction source = tx.repos().interactions().require(iid); // of the same customer, so as visible
                if (!source.customerId().equals(in.customerId())) {
                    throw ValidationException.of("sourceInteraction", "other_customer",
                            "belongs to another customer");
                }
            });
            Requirement r = new Requirement(new RequirementId(Ids.uuid7(engine.clock())), in.customerId(), title,
                    Optional.ofNullable(description), in.priority(), in.dueDate(), in.assignee(),
                    engine.workflow(RequirementStatus.class).initial(), in.sourceInteraction(), List.of(), actor.user(), tx.now(),
                    tx.now(), 1);
            tx.repos().requirements().insert(r);
            RequirementChanges.record(tx, actor.user(), AuditAction.CREATE, null, r);
            tx.raise(new RequirementEvent.Created(r.id(), r.customerId(), tx.now(), actor.user()));
            return r;
        });
    }

    @Override
    public Optional<Requirement> get(RequirementId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> repos.requirements().findById(id)
                .filter(r -> guard.permits(repos, r.customerId(), RecordKind.REQUIREMENT, Action.READ)));
    }

    @Override
    public Requirement transition(RequirementId id, RequirementStatus to, @Nullable String comment) {
        Objects.requireNonNull(to, "to");
        String checked = Checks.optionalMultiline("comment", comment, StatusChange.MAX_COMMENT);
        return change(id, AuditAction.TRANSITION, (r, tx) -> {
            Requirement moved = r.transition(engine.workflow(RequirementStatus.class), to, actor.user(), tx.now(), Optional.ofNullable(checked));
            tx.raise(new RequirementEvent.Transitioned(id, r.status(), to, tx.now(), actor.user()));
            return moved;
        });
    }

    @Override
    public Requirement assign(RequirementId id, @Nullable UserRef assignee) {
        return change(id, AuditAction.ASSIGN, (r, tx) -> r.withDetails(r.title(), r.description(), r.priority(), r.dueDate(),
                Optional.ofNullable(assignee), tx.now()));
    }

    @Override
    public Requirement update(RequirementId id, String title, @Nullable String description, Priority priority,
                              @Nullable LocalDate dueDate) {
        Objects.requireNonNull(priority, "priority");
        Checks checks = new Checks();
        String t = checks.required("title", title, Requirement.MAX_TITLE);
        String d = checks.multiline("description", description, Requirement.MAX_DESCRIPTION);
        checks.throwIfAny();
        Objects.requireNonNull(t, "title"); // null only with a violation
        return change(id, AuditAction.UPDATE, (r, tx) -> r.withDetails(t, Optional.ofNullable(d), priority, Optional.ofNullable(dueDate),
                r.assignee(), tx.now()));
    }

    private Requirement change(RequirementId id, AuditAction action,
                               java.util.function.BiFunction<Requirement, Engine.Tx, Requirement> change) {
        Objects.requireNonNull(id, "id");
        return engine.change(repos -> {
            Requirement r = repos.requirements().require(id);
            return guard.require(repos, r, r.customerId(), RecordKind.REQUIREMENT, Action.EDIT, "requirement " + id);
        }, change, (r, changed) -> r.requirements().update(changed),
                (tx, before, after) -> RequirementChanges.record(tx, actor.user(), action, before, after));
    }

    @Override
    public Page<Requirement> assignedToUser(UserRef assignee, PageRequest page) {
        Objects.requireNonNull(assignee, "assignee");
        AccessScope scope = guard.scope(RecordKind.REQUIREMENT, Action.READ);
        return scope.isNothing() ? Page.last(List.of()) : engine.read(repos -> repos.requirements().openByAssignee(assignee, scope, page));
    }

    @Override
    public Page<Requirement> overdue(PageRequest page) {
        LocalDate today = engine.today();
        AccessScope scope = guard.scope(RecordKind.REQUIREMENT, Action.READ);
        return scope.isNothing() ? Page.last(List.of()) : engine.read(repos -> repos.requirements().overdue(today, scope, page));
    }

    @Override
    public Page<Requirement> ofCustomer(CustomerId customer, PageRequest page) {
        Objects.requireNonNull(customer, "customer");
        return engine.read(repos -> guard.permits(repos, customer, RecordKind.REQUIREMENT, Action.READ)
                ? repos.requirements().byCustomer(customer, page) : Page.last(List.of()));
    }

    @Override
    public Workflow<RequirementStatus> workflow() {
        return engine.workflow(RequirementStatus.class);
    }

}
