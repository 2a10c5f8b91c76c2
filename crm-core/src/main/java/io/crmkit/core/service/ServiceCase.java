package io.crmkit.core.service;

import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Priority;
import io.crmkit.core.workflow.StatusChange;
import io.crmkit.core.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A service case (a ticket): a customer's problem or request that the service handles, from where it came
 * in, who works on it, the interactions and needs it relates to, and every status change it went through,
 * with actor, time and comment. The history keeps the time of every change, so service-level clocks can be
 * computed from it. Immutable; behaviour methods return the changed case with the next version.
 */
public final class ServiceCase {
    /** Longest subject, in characters (code points). */
    public static final int MAX_SUBJECT = 200;
    /** Longest description, in characters. */
    public static final int MAX_DESCRIPTION = 10_000;
    /**
     * Longest type code, in characters. A type is a code the host defines ({@code "repair"}, {@code "complaint"},
     * {@code "退货"}): letters and digits of any script and {@code - _ .}, no spaces.
     */
    public static final int MAX_TYPE = 40;
    /** Most interactions, and most needs, one case links to. */
    public static final int MAX_LINKS = 200;
    /** Most parents above a case: a deeper chain is refused like a cycle. */
    public static final int MAX_DEPTH = 100;

    private final ServiceCaseId id;
    private final CustomerId customerId;
    private final String subject;
    private final @Nullable String description;
    private final ServiceCaseOrigin origin;
    private final String type;
    private final Priority priority;
    private final ServiceCaseStatus status;
    private final @Nullable Assignee assignee;
    private final @Nullable ServiceCaseId parentId;
    private final List<InteractionId> interactionIds;
    private final List<RequirementId> requirementIds;
    private final List<StatusChange<ServiceCaseStatus>> history;
    private final UserRef createdBy;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;
    private final CaseResponses responses;
    private final SlaMarks sla;

    /** For adapters and the case service; validation happens in the service. */
    public ServiceCase(ServiceCaseId id, CustomerId customerId, String subject, Optional<String> description,
                       ServiceCaseOrigin origin, String type, Priority priority, ServiceCaseStatus status,
                       Optional<Assignee> assignee, Optional<ServiceCaseId> parentId, List<InteractionId> interactionIds,
                       List<RequirementId> requirementIds, List<StatusChange<ServiceCaseStatus>> history,
                       UserRef createdBy, Instant createdAt, Instant updatedAt, long version) {
        this(id, customerId, subject, description, origin, type, priority, status, assignee, parentId, interactionIds,
                requirementIds, history, createdBy, createdAt, updatedAt, version, CaseResponses.NONE, SlaMarks.NONE);
    }

    /**
     * For adapters and the case service, with the response facts and service-level marks the case keeps
     * ({@link #responses()}, {@link #sla()}).
     */
    public ServiceCase(ServiceCaseId id, CustomerId customerId, String subject, Optional<String> description,
                       ServiceCaseOrigin origin, String type, Priority priority, ServiceCaseStatus status,
                       Optional<Assignee> assignee, Optional<ServiceCaseId> parentId, List<InteractionId> interactionIds,
                       List<RequirementId> requirementIds, List<StatusChange<ServiceCaseStatus>> history,
                       UserRef createdBy, Instant createdAt, Instant updatedAt, long version, CaseResponses responses,
                       SlaMarks sla) {
        this.responses = Objects.requireNonNull(responses, "responses");
        this.sla = Objects.requireNonNull(sla, "sla");
        this.id = Objects.requireNonNull(id, "id");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.description = description.orElse(null);
        this.origin = Objects.requireNonNull(origin, "origin");
        this.type = Objects.requireNonNull(type, "type");
        this.priority = Objects.requireNonNull(priority, "priority");
        this.status = Objects.requireNonNull(status, "status");
        this.assignee = assignee.orElse(null);
        this.parentId = parentId.orElse(null);
        this.interactionIds = List.copyOf(new LinkedHashSet<>(interactionIds));
        this.requirementIds = List.copyOf(new LinkedHashSet<>(requirementIds));
        this.history = List.copyOf(history);
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
    }

    private ServiceCase with(String subject, Optional<String> description, String type, Priority priority,
                             ServiceCaseStatus status, Optional<Assignee> assignee, Optional<ServiceCaseId> parentId,
                             List<InteractionId> interactionIds, List<RequirementId> requirementIds,
                             List<StatusChange<ServiceCaseStatus>> history, Instant at) {
        return new ServiceCase(id, customerId, subject, description, origin, type, priority, status, assignee, parentId,
                interactionIds, requirementIds, history, createdBy, createdAt, at, version + 1, responses, sla);
    }

    /**
     * The same case with other response facts and service-level marks, at the same version: the part of a change
     * computed from the changed case, stored with it.
     */
    public ServiceCase withSla(CaseResponses responses, SlaMarks sla) {
        return new ServiceCase(id, customerId, subject, description(), origin, type, priority, status, assignee(),
                parentId(), interactionIds, requirementIds, history, createdBy, createdAt, updatedAt, version, responses, sla);
    }

    /** The same record belonging to another customer, at the next version: a merge's change (and an unmerge's). */
    public ServiceCase withCustomer(CustomerId to) {
        return new ServiceCase(id, to, subject, description(), origin, type, priority, status, assignee(),
                parentId(), interactionIds, requirementIds, history, createdBy, createdAt, updatedAt, version + 1,
                responses, sla);
    }

    /** The same case with other service-level marks, at the next version: the SLA monitor's change. */
    public ServiceCase marked(SlaMarks sla, Instant at) {
        return new ServiceCase(id, customerId, subject, description(), origin, type, priority, status, assignee(),
                parentId(), interactionIds, requirementIds, history, createdBy, createdAt, at, version + 1, responses,
                Objects.requireNonNull(sla, "sla"));
    }

    /**
     * Moves the case to {@code to} if the workflow allows it, recording the change.
     *
     * @throws io.crmkit.core.InvalidTransitionException if the workflow forbids it
     * @throws ValidationException                      for a move to ASSIGNED while nobody is assigned
     */
    public ServiceCase transition(Workflow<ServiceCaseStatus> workflow, ServiceCaseStatus to, UserRef actor, Instant at,
                                  Optional<String> comment) {
        workflow.check(status, to, "service case " + id);
        if (to == ServiceCaseStatus.ASSIGNED && assignee == null) {
            throw ValidationException.of("assignee", "required", "a case moves to ASSIGNED only when it is assigned");
        }
        List<StatusChange<ServiceCaseStatus>> h = new ArrayList<>(history);
        h.add(new StatusChange<>(status, to, actor, at, comment));
        return with(subject, description(), type, priority, to, assignee(), parentId(), interactionIds, requirementIds, h, at);
    }

    /**
     * Hands the case to {@code to}. A NEW case moves to ASSIGNED with it, recorded in the history, if the workflow
     * allows that move; a case in any other status keeps it.
     */
    public ServiceCase assign(Workflow<ServiceCaseStatus> workflow, Assignee to, UserRef actor, Instant at) {
        Objects.requireNonNull(to, "to");
        ServiceCase assigned = with(subject, description(), type, priority, status, Optional.of(to), parentId(),
                interactionIds, requirementIds, history, at);
        if (status == ServiceCaseStatus.NEW && workflow.allows(status, ServiceCaseStatus.ASSIGNED)) {
            List<StatusChange<ServiceCaseStatus>> h = new ArrayList<>(history);
            h.add(new StatusChange<>(status, ServiceCaseStatus.ASSIGNED, actor, at, Optional.empty()));
            return with(subject, description(), type, priority, ServiceCaseStatus.ASSIGNED, Optional.of(to), parentId(),
                    interactionIds, requirementIds, h, at);
        }
        return assigned;
    }

    /** The same case with other details, at the next version. */
    public ServiceCase withDetails(String subject, Optional<String> description, String type, Priority priority, Instant at) {
        return with(subject, description, type, priority, status, assignee(), parentId(), interactionIds, requirementIds,
                history, at);
    }

    /** The same case under another parent case (or none), at the next version. */
    public ServiceCase withParent(Optional<ServiceCaseId> parent, Instant at) {
        return with(subject, description(), type, priority, status, assignee(), parent, interactionIds, requirementIds,
                history, at);
    }

    /** The case linked to one more interaction; this case itself if it is linked already. */
    public ServiceCase linkInteraction(InteractionId interaction, Instant at) {
        if (interactionIds.contains(Objects.requireNonNull(interaction, "interaction"))) {
            return this;
        }
        List<InteractionId> ids = new ArrayList<>(interactionIds);
        ids.add(interaction);
        return with(subject, description(), type, priority, status, assignee(), parentId(), ids, requirementIds, history, at);
    }

    /** The case linked to one more need; this case itself if it is linked already. */
    public ServiceCase linkRequirement(RequirementId requirement, Instant at) {
        if (requirementIds.contains(Objects.requireNonNull(requirement, "requirement"))) {
            return this;
        }
        List<RequirementId> ids = new ArrayList<>(requirementIds);
        ids.add(requirement);
        return with(subject, description(), type, priority, status, assignee(), parentId(), interactionIds, ids, history, at);
    }

    /** An edit of subject, description, type and priority, starting from the current ones. */
    public ServiceCaseEdit edit() {
        return new ServiceCaseEdit(this);
    }

    /** Whether work on the case is still expected. */
    public boolean isOpen() {
        return status.isOpen();
    }

    /** When the case entered its current status: the time of the last status change, or its creation. */
    public Instant statusSince() {
        return history.isEmpty() ? createdAt : history.get(history.size() - 1).at();
    }

    public ServiceCaseId id() { return id; }
    public CustomerId customerId() { return customerId; }
    public String subject() { return subject; }
    public Optional<String> description() { return Optional.ofNullable(description); }
    public ServiceCaseOrigin origin() { return origin; }
    /** The host's code for the kind of case. */
    public String type() { return type; }
    public Priority priority() { return priority; }
    public ServiceCaseStatus status() { return status; }
    public Optional<Assignee> assignee() { return Optional.ofNullable(assignee); }
    /** The case this one is part of, of the same customer. */
    public Optional<ServiceCaseId> parentId() { return Optional.ofNullable(parentId); }
    /** The linked interactions of the case's customer, in the order they were linked. */
    public List<InteractionId> interactionIds() { return interactionIds; }
    /** The linked needs of the case's customer, in the order they were linked. */
    public List<RequirementId> requirementIds() { return requirementIds; }
    /** Every status change, oldest first. */
    public List<StatusChange<ServiceCaseStatus>> history() { return history; }
    public UserRef createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
    /** What the linked interactions say about responses, for the service-level clocks. */
    public CaseResponses responses() { return responses; }
    /** The stored due, warning and breach marks of the service levels, as of the last change. */
    public SlaMarks sla() { return sla; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceCase c && c.id.equals(id) && c.version == version && c.status == status
                && c.customerId.equals(customerId) && c.subject.equals(subject)
                && Objects.equals(c.description, description) && c.origin == origin && c.type.equals(type)
                && c.priority == priority && Objects.equals(c.assignee, assignee) && Objects.equals(c.parentId, parentId)
                && c.interactionIds.equals(interactionIds) && c.requirementIds.equals(requirementIds)
                && c.history.equals(history) && c.createdBy.equals(createdBy) && c.createdAt.equals(createdAt)
                && c.updatedAt.equals(updatedAt) && c.responses.equals(responses) && c.sla.equals(sla);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "ServiceCase[id=" + id + ", status=" + status + ", type=" + type + ", subject=" + subject
                + ", version=" + version + "]";
    }
}
