package io.crmkit.core.internal;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.commerce.PurchaseId;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.document.Document;
import io.crmkit.core.document.DocumentId;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.marketing.Campaign;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.sales.OpportunityId;
import io.crmkit.core.satisfaction.SurveyResponseId;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.CustomerField;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.ServiceCaseId;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The access policy applied to one actor. Listings take its {@link #scope scopes}, which storage turns into
 * criteria; single records are checked here after loading. A record the actor may not read is reported as
 * missing, so that its existence is not revealed; one they may read but not change is refused with
 * {@link AccessDeniedException}. Immutable and thread-safe; the department tree is asked on every call.
 */
public final class Guard {
    /** More departments than any host has below one actor: a cycle or a runaway tree. */
    static final int MAX_DEPARTMENTS = 10_000;

    private final AccessPolicy policy;
    private final Actor actor;
    private final boolean unrestricted;

    public Guard(AccessPolicy policy, Actor actor) {
        this.policy = policy;
        this.actor = actor;
        this.unrestricted = policy.isUnrestricted() || actor.isSystem();
    }

    public Actor actor() {
        return actor;
    }

    /** The records of {@code kind} the actor may do {@code action} to. */
    public AccessScope scope(RecordKind kind, Action action) {
        if (unrestricted) {
            return AccessScope.everything();
        }
        AccessLevel level = policy.level(actor, kind, action);
        if (level == AccessLevel.ALL) {
            return AccessScope.everything();
        }
        Set<DepartmentRef> departments = departments();
        Set<Grantee> grantees = new HashSet<>();
        if (action == Action.READ || action == Action.EDIT) { // a share lends a record to read or edit, never to export or delete
            grantees.addAll(departments);
            grantees.add(actor.user());
        }
        return switch (level) {
            case DEPARTMENT -> new AccessScope(false, Optional.of(actor.user()), departments, grantees);
            case OWN -> new AccessScope(false, Optional.of(actor.user()), Set.of(), grantees);
            default -> new AccessScope(false, Optional.empty(), Set.of(), grantees);
        };
    }

    /**
     * The customer with this id if the actor may read it (or records of {@code kind} that belong to it),
     * with the fields hidden from the actor emptied.
     */
    public Optional<Customer> readable(Repositories repos, CustomerId id, RecordKind kind) {
        return repos.customers().findById(id).filter(c -> permits(repos, c, kind, Action.READ)).map(this::mask);
    }

    /**
     * The stored customer with this id, unmasked, if the actor may do {@code action} to it, or to records of
     * {@code kind} that belong to it.
     *
     * @throws NotFoundException     if there is none, or the actor may not read it
     * @throws AccessDeniedException if the actor may read it but not do {@code action}
     */
    public Customer require(Repositories repos, CustomerId id, RecordKind kind, Action action) {
        Customer customer = repos.customers().require(id);
        if (!permits(repos, customer, kind, Action.READ)) {
            throw new NotFoundException("no customer " + id);
        }
        if (action != Action.READ && !permits(repos, customer, kind, action)) {
            throw denied(action, kind, "customer " + id);
        }
        return customer;
    }

    /** Whether the actor may do {@code action} to this customer, or to records of {@code kind} that belong to it. */
    public boolean permits(Repositories repos, Customer customer, RecordKind kind, Action action) {
        return admits(repos, customer, scope(kind, action), action);
    }

    private boolean admits(Repositories repos, Customer customer, AccessScope scope, Action action) {
        return scope.admits(customer.owner(), customer.department())
                || shared(repos, RecordKind.CUSTOMER, customer.id().value(), scope, action);
    }

    /**
     * As {@link #permits(Repositories, Customer, RecordKind, Action)} for the customer with this id, which the caller
     * knows exists (a record belongs to it): an unrestricted actor is permitted without reading it. False for a restricted
     * actor if there is none.
     */
    public boolean permits(Repositories repos, CustomerId customer, RecordKind kind, Action action) {
        AccessScope scope = scope(kind, action); // once: it walks the host's department tree
        return scope.unrestricted()
                || repos.customers().findById(customer).map(c -> admits(repos, c, scope, action)).orElse(false);
    }

    /**
     * A record of {@code kind} that belongs to {@code customer}, if the actor may do {@code action} to it.
     *
     * @throws NotFoundException     if the actor may not read it
     * @throws AccessDeniedException if the actor may read it but not do {@code action}
     */
    public <R> R require(Repositories repos, R record, CustomerId customer, RecordKind kind, Action action, String what) {
        if (!permits(repos, customer, kind, Action.READ)) {
            throw new NotFoundException("no " + what);
        }
        if (action != Action.READ && !permits(repos, customer, kind, action)) {
            throw denied(action, kind, "customer " + customer + ": " + what);
        }
        return record;
    }

    /** Whether the actor may do {@code action} to the record of this kind and id; false if there is none. */
    public boolean permits(Repositories repos, RecordKind kind, UUID id, Action action) {
        return switch (kind) {
            case CUSTOMER -> repos.customers().findById(new CustomerId(id)).map(c -> permits(repos, c, kind, action))
                    .orElse(false); // read even when unrestricted: an id that names no customer permits nothing
            case TASK -> repos.tasks().findById(new TaskId(id)).map(t -> permits(repos, t, action)).orElse(false);
            case INTERACTION -> repos.interactions().findById(new InteractionId(id))
                    .map(i -> permits(repos, i.customerId(), kind, action)).orElse(false);
            case REQUIREMENT -> repos.requirements().findById(new RequirementId(id))
                    .map(r -> permits(repos, r.customerId(), kind, action)).orElse(false);
            case SURVEY -> repos.surveys().findById(new SurveyResponseId(id))
                    .map(r -> permits(repos, r.customerId(), kind, action)).orElse(false);
            case PURCHASE -> repos.purchases().findById(new PurchaseId(id))
                    .map(p -> permits(repos, p.customerId(), kind, action)).orElse(false);
            case MESSAGE -> repos.outbox().findById(new MessageId(id))
                    .map(m -> permits(repos, m.customerId(), kind, action)).orElse(false);
            case SERVICE_CASE -> repos.serviceCases().findById(new ServiceCaseId(id))
                    .map(c -> permits(repos, c.customerId(), kind, action)).orElse(false);
            case AUDIT -> level(kind, action) == AccessLevel.ALL;
            case OPPORTUNITY -> repos.opportunities().findById(new OpportunityId(id)).map(o -> permits(repos, o, action))
                    .orElse(false);
            case CAMPAIGN -> repos.campaigns().findById(new CampaignId(id)).map(c -> permits(c, action)).orElse(false);
            case DOCUMENT -> repos.documents().findById(new DocumentId(id)).map(d -> permits(repos, d, action)).orElse(false);
            case NOTICE -> repos.notifications().findById(new io.crmkit.core.notification.NoticeId(id))
                    .map(n -> actor.isSystem() || action == Action.READ // personal, whatever the policy: the inbox's own
                            && new io.crmkit.core.notification.Inbox(actor.user(), actor.departments()).holds(n))
                    .orElse(false);
            case PROJECT -> repos.projects().findById(new io.crmkit.core.project.ProjectId(id)).map(p -> permits(p, action))
                    .orElse(false);
            case POLICY -> repos.policies().findById(new io.crmkit.core.policy.PolicyId(id)).map(p -> permits(p, action))
                    .orElse(false);
            case WEBHOOK_ENDPOINT -> level(kind, action) == AccessLevel.ALL
                    && repos.webhooks().findEndpoint(new io.crmkit.core.webhook.WebhookEndpointId(id)).isPresent();
        };
    }

    /** Whether the actor may do {@code action} to this task. */
    public boolean permits(Repositories repos, Task task, Action action) {
        AccessScope scope = scope(RecordKind.TASK, action);
        Optional<DepartmentRef> department = task.assignee().flatMap(a -> a.department());
        return scope.admits(task.assignee().flatMap(a -> a.user()), department)
                || scope.admits(Optional.of(task.creator()), department)
                || shared(repos, RecordKind.TASK, task.id().value(), scope, action);
    }

    /** The task if the actor may do {@code action} to it; see {@link #require(Repositories, CustomerId, RecordKind, Action)}. */
    public Task require(Repositories repos, Task task, Action action) {
        if (!permits(repos, task, Action.READ)) {
            throw new NotFoundException("no task " + task.id());
        }
        if (action != Action.READ && !permits(repos, task, action)) {
            throw denied(action, RecordKind.TASK, "task " + task.id());
        }
        return task;
    }

    /** Whether the actor may do {@code action} to this opportunity: by its owner, its department or an opportunity share. */
    public boolean permits(Repositories repos, Opportunity opportunity, Action action) {
        return owned(repos, RecordKind.OPPORTUNITY, opportunity.id().value(), opportunity.owner(), opportunity.department(),
                action);
    }

    /** The opportunity if the actor may do {@code action} to it; see {@link #require(Repositories, Task, Action)}. */
    public Opportunity require(Repositories repos, Opportunity opportunity, Action action) {
        return require(opportunity, a -> permits(repos, opportunity, a), action, RecordKind.OPPORTUNITY,
                "opportunity " + opportunity.id());
    }

    /** Whether the actor may do {@code action} to this campaign: by its owner or its department (campaigns are not shared). */
    public boolean permits(Campaign campaign, Action action) {
        return scope(RecordKind.CAMPAIGN, action).admits(Optional.of(campaign.owner()), campaign.department());
    }

    /** The campaign if the actor may do {@code action} to it; see {@link #require(Repositories, Task, Action)}. */
    public Campaign require(Campaign campaign, Action action) {
        if (!permits(campaign, Action.READ)) {
            throw new NotFoundException("no campaign " + campaign.id());
        }
        if (action != Action.READ && !permits(campaign, action)) {
            throw denied(action, RecordKind.CAMPAIGN, "campaign " + campaign.id());
        }
        return campaign;
    }

    /** Whether the actor may do {@code action} to this project: by its owner or its department (projects are not shared). */
    public boolean permits(io.crmkit.core.project.Project project, Action action) {
        return scope(RecordKind.PROJECT, action).admits(Optional.of(project.owner()), project.department());
    }

    /** The project if the actor may do {@code action} to it; see {@link #require(Repositories, Task, Action)}. */
    public io.crmkit.core.project.Project require(io.crmkit.core.project.Project project, Action action) {
        return require(project, a -> permits(project, a), action, RecordKind.PROJECT, "project " + project.id());
    }

    /** Whether the actor may do {@code action} to this document: by its owner, its department or a document grant. */
    public boolean permits(Repositories repos, Document document, Action action) {
        return owned(repos, RecordKind.DOCUMENT, document.id().value(), document.owner(), document.department(), action);
    }

    /** The document if the actor may do {@code action} to it; see {@link #require(Repositories, Task, Action)}. */
    public Document require(Repositories repos, Document document, Action action) {
        return require(document, a -> permits(repos, document, a), action, RecordKind.DOCUMENT, "document " + document.id());
    }

    /** Whether the actor may do {@code action} to this policy: by its owner user or its owner department (not shared). */
    public boolean permits(io.crmkit.core.policy.CommunicationPolicy policy, Action action) {
        return scope(RecordKind.POLICY, action).admits(policy.owner().user(), policy.owner().department());
    }

    /** The policy if the actor may do {@code action} to it; see {@link #require(Repositories, Task, Action)}. */
    public io.crmkit.core.policy.CommunicationPolicy require(io.crmkit.core.policy.CommunicationPolicy policy, Action action) {
        return require(policy, a -> permits(policy, a), action, RecordKind.POLICY, "policy " + policy.id());
    }

    /** Whether the actor may do {@code action} to a record with an owner, maybe a department, and shares of its kind. */
    private boolean owned(Repositories repos, RecordKind kind, UUID id, UserRef owner, Optional<DepartmentRef> department,
                          Action action) {
        AccessScope scope = scope(kind, action);
        return scope.admits(Optional.of(owner), department) || shared(repos, kind, id, scope, action);
    }

    /** The record if {@code permits} allows {@code action}: missing if it does not allow reading, else refused. */
    private <R> R require(R record, java.util.function.Predicate<Action> permits, Action action, RecordKind kind, String what) {
        if (!permits.test(Action.READ)) {
            throw new NotFoundException("no " + what);
        }
        if (action != Action.READ && !permits.test(action)) {
            throw denied(action, kind, what);
        }
        return record;
    }

    /** Refuses an action on a record that is not stored yet (a new customer, a new task). */
    public void requireCreate(RecordKind kind, Optional<UserRef> owner, Optional<DepartmentRef> department, String what) {
        if (!scope(kind, Action.CREATE).admits(owner, department)) {
            throw denied(Action.CREATE, kind, what);
        }
    }

    /** The actor may do {@code action} on {@code kind} at some level (the audit trail, exports of what one sees). */
    public AccessLevel level(RecordKind kind, Action action) {
        return unrestricted ? AccessLevel.ALL : policy.level(actor, kind, action);
    }

    /** The fields hidden from the actor. */
    public Set<CustomerField> hiddenFields() {
        return unrestricted ? Set.of() : policy.hiddenFields(actor);
    }

    /** The customer as the actor may see it: the hidden fields emptied and named. */
    public Customer mask(Customer customer) {
        Set<CustomerField> hidden = hiddenFields();
        return hidden.isEmpty() ? customer : CustomerMasks.hide(customer, hidden);
    }

    public AccessDeniedException denied(Action action, RecordKind kind, String what) {
        return new AccessDeniedException(deniedMessage(action, kind, what));
    }

    /** "alice may not edit customer ...", "alice may not create interaction of customer ...". */
    public String deniedMessage(Action action, RecordKind kind, String what) {
        return actor.user() + " may not " + action.name().toLowerCase(java.util.Locale.ROOT)
                + " " + (kind == RecordKind.CUSTOMER ? "" : kind.name().toLowerCase(java.util.Locale.ROOT) + " of ") + what;
    }

    private boolean shared(Repositories repos, RecordKind kind, java.util.UUID id, AccessScope scope, Action action) {
        if (scope.sharedWith().isEmpty() || !(action == Action.READ || action == Action.EDIT || action == Action.CREATE)) {
            return false;
        }
        Action needed = action == Action.CREATE ? Action.EDIT : action; // adding to a customer's records is editing it
        return repos.shares().accessFor(kind, id, scope.sharedWith()).map(a -> a.allows(needed)).orElse(false);
    }

    /** The actor's departments and all below them in the host's tree. */
    private Set<DepartmentRef> departments() {
        Set<DepartmentRef> all = new HashSet<>(actor.departments());
        Deque<DepartmentRef> todo = new ArrayDeque<>(actor.departments());
        while (!todo.isEmpty()) {
            for (DepartmentRef child : policy.departments().childrenOf(todo.pop())) {
                if (all.add(child)) {
                    if (all.size() > MAX_DEPARTMENTS) {
                        throw new IllegalStateException("the department tree below " + actor.departments()
                                + " has more than " + MAX_DEPARTMENTS + " departments; is there a cycle?");
                    }
                    todo.push(child);
                }
            }
        }
        return all;
    }

}
