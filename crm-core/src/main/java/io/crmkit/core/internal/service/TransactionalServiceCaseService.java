package io.crmkit.core.internal.service;

import io.crmkit.core.Checks;
import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.service.CaseResponses;
import io.crmkit.core.service.NewServiceCase;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseEdit;
import io.crmkit.core.service.ServiceCaseEvent;
import io.crmkit.core.service.ServiceCaseId;
import io.crmkit.core.service.ServiceCaseQuery;
import io.crmkit.core.service.ServiceCaseRepository;
import io.crmkit.core.service.ServiceCaseService;
import io.crmkit.core.service.ServiceCaseStatus;
import io.crmkit.core.service.ServiceStats;
import io.crmkit.core.service.SlaMarks;
import io.crmkit.core.service.SlaStatus;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.StatusChange;
import io.crmkit.core.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The case service: validation with {@link Checks}, one transaction per call with its audit entry and events,
 * and the actor's {@link Guard} on every path. A case follows its customer for access, by the
 * {@link RecordKind#SERVICE_CASE} rule; linked interactions and needs must be readable by their own rules.
 */
public final class TransactionalServiceCaseService implements ServiceCaseService {

    private final Engine engine;
    private final Actor actor;
    private final Guard guard;

    public TransactionalServiceCaseService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
    }

    private CaseRouter router() {
        return engine.component(CaseRouter.class);
    }

    @Override
    public ServiceCase create(NewServiceCase in) {
        Objects.requireNonNull(in, "serviceCase");
        Checks checks = new Checks();
        String subject = checks.required("subject", in.subject(), ServiceCase.MAX_SUBJECT);
        String description = checks.multiline("description", in.description().orElse(null), ServiceCase.MAX_DESCRIPTION);
        String type = type(checks, in.type());
        checks.require(in.interactionIds().size() <= ServiceCase.MAX_LINKS, "interactionIds", "too_many",
                "must be at most " + ServiceCase.MAX_LINKS);
        checks.require(in.requirementIds().size() <= ServiceCase.MAX_LINKS, "requirementIds", "too_many",
                "must be at most " + ServiceCase.MAX_LINKS);
        checks.throwIfAny();
        Objects.requireNonNull(subject, "subject"); // null only with a violation
        Objects.requireNonNull(type, "type"); // null only with a violation
        return engine.write(tx -> {
            Repositories repos = tx.repos();
            guard.require(repos, in.customerId(), RecordKind.SERVICE_CASE, Action.CREATE);
            Optional<Assignee> assignee = in.assignee().map(a -> router().route(repos, a, tx.now()));
            Checks links = new Checks();
            List<InteractionId> interactions = in.interactionIds();
            List<Interaction> linked = new ArrayList<>(interactions.size());
            for (int i = 0; i < interactions.size(); i++) {
                linked.add(checkInteraction(repos, in.customerId(), interactions.get(i), "interactionIds[" + i + "]", links));
            }
            List<RequirementId> requirements = in.requirementIds();
            for (int i = 0; i < requirements.size(); i++) {
                checkRequirement(repos, in.customerId(), requirements.get(i), "requirementIds[" + i + "]", links);
            }
            ServiceCaseId id = new ServiceCaseId(Ids.uuid7(engine.clock()));
            in.parentId().ifPresent(p -> checkParent(repos, in.customerId(), id, p, links));
            links.throwIfAny();
            Workflow<ServiceCaseStatus> workflow = workflow();
            ServiceCaseStatus status = workflow.initial();
            List<StatusChange<ServiceCaseStatus>> history = new ArrayList<>(1);
            if (assignee.isPresent() && status != ServiceCaseStatus.ASSIGNED
                    && workflow.allows(status, ServiceCaseStatus.ASSIGNED)) {
                history.add(new StatusChange<>(status, ServiceCaseStatus.ASSIGNED, actor.user(), tx.now(), Optional.empty()));
                status = ServiceCaseStatus.ASSIGNED;
            }
            ServiceCase c = new ServiceCase(id, in.customerId(), subject, Optional.ofNullable(description), in.origin(),
                    type, in.priority(), status, assignee, in.parentId(), interactions, requirements, history,
                    actor.user(), tx.now(), tx.now(), 1);
            CaseResponses responses = CaseResponses.NONE;
            for (Interaction i : linked) {
                responses = responses.with(i.direction(), i.occurredAt(), c.createdAt());
            }
            c = sla().refresh(repos, null, c.withSla(responses, SlaMarks.NONE));
            repos.serviceCases().insert(c);
            ServiceCaseChanges.record(tx, actor.user(), AuditAction.CREATE, null, c);
            tx.raise(new ServiceCaseEvent.Created(id, c.customerId(), tx.now(), actor.user()));
            assignee.ifPresent(a -> tx.raise(new ServiceCaseEvent.Assigned(id, a, tx.now(), actor.user())));
            for (StatusChange<ServiceCaseStatus> moved : history) {
                tx.raise(new ServiceCaseEvent.StatusChanged(id, moved.from(), moved.to(), tx.now(), actor.user()));
            }
            return c;
        });
    }

    @Override
    public Optional<ServiceCase> get(ServiceCaseId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> repos.serviceCases().findById(id)
                .filter(c -> guard.permits(repos, c.customerId(), RecordKind.SERVICE_CASE, Action.READ)));
    }

    @Override
    public ServiceCase update(ServiceCaseEdit edit) {
        Objects.requireNonNull(edit, "edit");
        Checks checks = new Checks();
        String subject = checks.required("subject", edit.subject(), ServiceCase.MAX_SUBJECT);
        String description = checks.multiline("description", edit.description(), ServiceCase.MAX_DESCRIPTION);
        String type = type(checks, edit.type());
        checks.throwIfAny();
        Objects.requireNonNull(subject, "subject"); // null only with a violation
        Objects.requireNonNull(type, "type"); // null only with a violation
        return change(edit.id(), AuditAction.UPDATE, (c, tx) -> {
            if (c.version() != edit.baseVersion()) {
                throw new ConflictException("service case " + c.id() + " was changed by someone else (version "
                        + c.version() + ", edit based on " + edit.baseVersion() + "); reload and retry");
            }
            ServiceCase updated = c.withDetails(subject, Optional.ofNullable(description), type, edit.priority(), tx.now());
            tx.raise(new ServiceCaseEvent.Updated(c.id(), updated.version(), tx.now(), actor.user()));
            return updated;
        });
    }

    @Override
    public ServiceCase assign(ServiceCaseId id, Assignee assignee) {
        Objects.requireNonNull(assignee, "assignee");
        return change(id, AuditAction.ASSIGN, (c, tx) -> {
            Assignee routed = router().route(tx.repos(), assignee, tx.now());
            ServiceCase assigned = c.assign(workflow(), routed, actor.user(), tx.now());
            tx.raise(new ServiceCaseEvent.Assigned(id, routed, tx.now(), actor.user()));
            if (assigned.status() != c.status()) {
                tx.raise(new ServiceCaseEvent.StatusChanged(id, c.status(), assigned.status(), tx.now(), actor.user()));
            }
            return assigned;
        });
    }

    @Override
    public ServiceCase transition(ServiceCaseId id, ServiceCaseStatus to, @Nullable String comment) {
        Objects.requireNonNull(to, "to");
        String checked = Checks.optionalMultiline("comment", comment, StatusChange.MAX_COMMENT);
        return change(id, AuditAction.TRANSITION, (c, tx) -> {
            ServiceCase moved = c.transition(workflow(), to, actor.user(), tx.now(), Optional.ofNullable(checked));
            tx.raise(new ServiceCaseEvent.StatusChanged(id, c.status(), to, tx.now(), actor.user()));
            return moved;
        });
    }

    @Override
    public ServiceCase linkInteraction(ServiceCaseId id, InteractionId interaction) {
        Objects.requireNonNull(interaction, "interaction");
        return link(id, RecordKind.INTERACTION, interaction.value(), (tx, c) -> {
            Checks checks = new Checks();
            Interaction i = checkInteraction(tx.repos(), c.customerId(), interaction, "interactionId", checks);
            checks.throwIfAny();
            ServiceCase after = c.linkInteraction(interaction, tx.now());
            return after == c ? c : after.withSla(c.responses().with(i.direction(), i.occurredAt(), c.createdAt()), c.sla());
        });
    }

    @Override
    public ServiceCase linkRequirement(ServiceCaseId id, RequirementId requirement) {
        Objects.requireNonNull(requirement, "requirement");
        return link(id, RecordKind.REQUIREMENT, requirement.value(), (tx, c) -> {
            Checks checks = new Checks();
            checkRequirement(tx.repos(), c.customerId(), requirement, "requirementId", checks);
            checks.throwIfAny();
            return c.linkRequirement(requirement, tx.now());
        });
    }

    /** Links one record; a link that exists already writes nothing and returns the case as it is. */
    private ServiceCase link(ServiceCaseId id, RecordKind kind, UUID linked,
                             BiFunction<Engine.Tx, ServiceCase, ServiceCase> link) {
        Objects.requireNonNull(id, "id");
        return engine.write(tx -> {
            ServiceCase c = load(tx.repos(), id);
            ServiceCase after = link.apply(tx, c);
            if (after == c) {
                return c;
            }
            String field = kind == RecordKind.INTERACTION ? "interactionId" : "requirementId";
            if (after.interactionIds().size() > ServiceCase.MAX_LINKS || after.requirementIds().size() > ServiceCase.MAX_LINKS) {
                throw ValidationException.of(field, "too_many", "a case links at most " + ServiceCase.MAX_LINKS);
            }
            after = sla().refresh(tx.repos(), c, after);
            tx.repos().serviceCases().update(after);
            ServiceCaseChanges.record(tx, actor.user(), AuditAction.LINK, c, after);
            tx.raise(new ServiceCaseEvent.Linked(id, kind, linked, tx.now(), actor.user()));
            return after;
        });
    }

    @Override
    public ServiceCase setParent(ServiceCaseId id, @Nullable ServiceCaseId parent) {
        Objects.requireNonNull(id, "id");
        return engine.write(tx -> {
            ServiceCase c = load(tx.repos(), id);
            if (Objects.equals(c.parentId().orElse(null), parent)) {
                return c;
            }
            if (parent != null) {
                Checks checks = new Checks();
                checkParent(tx.repos(), c.customerId(), id, parent, checks);
                checks.throwIfAny();
            }
            ServiceCase moved = c.withParent(Optional.ofNullable(parent), tx.now());
            tx.repos().serviceCases().update(moved);
            ServiceCaseChanges.record(tx, actor.user(), AuditAction.UPDATE, c, moved);
            tx.raise(new ServiceCaseEvent.Updated(id, moved.version(), tx.now(), actor.user()));
            return moved;
        });
    }

    @Override
    public Page<ServiceCase> search(ServiceCaseQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        return listed((cases, scope) -> cases.search(query, scope, page));
    }

    @Override
    public long count(ServiceCaseQuery query) {
        Objects.requireNonNull(query, "query");
        AccessScope scope = guard.scope(RecordKind.SERVICE_CASE, Action.READ);
        return scope.isNothing() ? 0 : engine.read(repos -> repos.serviceCases().count(query, scope));
    }

    /** A listing of the cases the actor may read: empty without reading when they may read none. */
    private Page<ServiceCase> listed(BiFunction<ServiceCaseRepository, AccessScope, Page<ServiceCase>> listing) {
        AccessScope scope = guard.scope(RecordKind.SERVICE_CASE, Action.READ);
        return scope.isNothing() ? Page.last(List.of()) : engine.read(repos -> listing.apply(repos.serviceCases(), scope));
    }

    @Override
    public SlaStatus sla(ServiceCaseId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> {
            ServiceCase c = repos.serviceCases().findById(id)
                    .filter(x -> guard.permits(repos, x.customerId(), RecordKind.SERVICE_CASE, Action.READ))
                    .orElseThrow(() -> new NotFoundException("no service case " + id));
            return sla().status(repos, c, engine.clock().instant());
        });
    }

    @Override
    public int checkSla() {
        return sla().check();
    }

    @Override
    public Page<ServiceCase> dueBefore(Instant instant, PageRequest page) {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(page, "page");
        return listed((cases, scope) -> cases.dueBefore(instant, scope, page));
    }

    @Override
    public Page<ServiceCase> breachedBetween(Instant from, Instant to, PageRequest page) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(page, "page");
        return listed((cases, scope) -> cases.breachedBetween(from, to, scope, page));
    }

    @Override
    public ServiceStats stats(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw ValidationException.of("to", "range", "must be after from");
        }
        AccessScope scope = guard.scope(RecordKind.SERVICE_CASE, Action.READ);
        Instant now = engine.clock().instant();
        return new ServiceStatsCollector(sla(), from, to).collect(engine, scope, now);
    }

    private SlaMonitor sla() {
        return engine.component(SlaMonitor.class);
    }

    @Override
    public Workflow<ServiceCaseStatus> workflow() {
        return engine.workflow(ServiceCaseStatus.class);
    }

    private ServiceCase change(ServiceCaseId id, AuditAction action, BiFunction<ServiceCase, Engine.Tx, ServiceCase> change) {
        Objects.requireNonNull(id, "id");
        return engine.change(repos -> load(repos, id),
                (c, tx) -> sla().refresh(tx.repos(), c, change.apply(c, tx)), (r, changed) -> r.serviceCases().update(changed),
                (tx, before, after) -> ServiceCaseChanges.record(tx, actor.user(), action, before, after));
    }

    /** The stored case, if the actor may edit it: missing if out of reach, refused if only readable. */
    private ServiceCase load(Repositories repos, ServiceCaseId id) {
        ServiceCase c = repos.serviceCases().require(id);
        return guard.require(repos, c, c.customerId(), RecordKind.SERVICE_CASE, Action.EDIT, "service case " + id);
    }

    /** A type code: 1 to MAX_TYPE letters, digits, '-', '_' or '.'; null with a violation. */
    private static @Nullable String type(Checks checks, @Nullable String type) {
        String t = checks.required("type", type, ServiceCase.MAX_TYPE);
        if (t != null && !t.codePoints().allMatch(cp -> Character.isLetterOrDigit(cp) || cp == '-' || cp == '_' || cp == '.')) {
            checks.add("type", "format", "must be a code of letters, digits, '-', '_' and '.', without spaces");
            return null;
        }
        return t;
    }

    /** An interaction the actor may read; a violation of {@code field} if it is of another customer. */
    private Interaction checkInteraction(Repositories repos, CustomerId customer, InteractionId id, String field, Checks checks) {
        Interaction i = repos.interactions().require(id);
        guard.require(repos, i, i.customerId(), RecordKind.INTERACTION, Action.READ, "interaction " + id);
        checks.require(i.customerId().equals(customer), field, "other_customer", "belongs to another customer");
        return i;
    }

    /** A need the actor may read; a violation of {@code field} if it is of another customer. */
    private void checkRequirement(Repositories repos, CustomerId customer, RequirementId id, String field, Checks checks) {
        Requirement r = repos.requirements().require(id);
        guard.require(repos, r, r.customerId(), RecordKind.REQUIREMENT, Action.READ, "requirement " + id);
        checks.require(r.customerId().equals(customer), field, "other_customer", "belongs to another customer");
    }

    /**
     * A parent for case {@code child}: a case the actor may read, of the same customer, not {@code child} itself nor
     * below it, at most {@link ServiceCase#MAX_DEPTH} parents deep.
     */
    private void checkParent(Repositories repos, CustomerId customer, ServiceCaseId child, ServiceCaseId parentId, Checks checks) {
        ServiceCase parent = repos.serviceCases().require(parentId);
        guard.require(repos, parent, parent.customerId(), RecordKind.SERVICE_CASE, Action.READ, "service case " + parentId);
        if (!checks.require(parent.customerId().equals(customer), "parentId", "other_customer", "belongs to another customer")) {
            return;
        }
        Set<ServiceCaseId> seen = new HashSet<>();
        ServiceCase above = parent;
        while (true) {
            if (above.id().equals(child) || !seen.add(above.id())) {
                checks.add("parentId", "cycle", "would put the case below itself");
                return;
            }
            if (seen.size() > ServiceCase.MAX_DEPTH) {
                checks.add("parentId", "too_deep", "a case has at most " + ServiceCase.MAX_DEPTH + " parents above it");
                return;
            }
            Optional<ServiceCaseId> next = above.parentId();
            if (next.isEmpty()) {
                return;
            }
            Optional<ServiceCase> found = repos.serviceCases().findById(next.get());
            if (found.isEmpty()) {
                return;
            }
            above = found.get();
        }
    }
}
