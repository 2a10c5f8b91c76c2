package io.crmkit.testkit;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.CaseResponses;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseId;
import io.crmkit.core.service.ServiceCaseOrigin;
import io.crmkit.core.service.ServiceCaseStatus;
import io.crmkit.core.service.SlaMarks;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Priority;
import io.crmkit.core.workflow.StatusChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ServiceCase} for tests; start one with {@link TestData#serviceCase(CustomerId)}.
 * {@link #status(ServiceCaseStatus)} sets the status without recording history; add history with {@link #change}.
 * {@link #interaction} and {@link #requirement} append links. Not thread-safe.
 */
public final class ServiceCaseBuilder {
    private ServiceCaseId id;
    private CustomerId customerId;
    private String subject = "工单";
    private @Nullable String description;
    private ServiceCaseOrigin origin = ServiceCaseOrigin.PHONE;
    private String type = "general";
    private Priority priority = Priority.NORMAL;
    private ServiceCaseStatus status = ServiceCaseStatus.NEW;
    private @Nullable Assignee assignee;
    private @Nullable ServiceCaseId parentId;
    private final List<InteractionId> interactions = new ArrayList<>();
    private final List<RequirementId> requirements = new ArrayList<>();
    private final List<StatusChange<ServiceCaseStatus>> history = new ArrayList<>();
    private String createdBy = "agent-1";
    private Instant createdAt;
    private Instant updatedAt;
    private long version = 1;
    private CaseResponses responses = CaseResponses.NONE;
    private SlaMarks sla = SlaMarks.NONE;

    ServiceCaseBuilder(ServiceCaseId id, CustomerId customerId, Instant now) {
        this.id = id;
        this.customerId = customerId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public ServiceCaseBuilder id(ServiceCaseId id) { this.id = id; return this; }
    public ServiceCaseBuilder customer(CustomerId customerId) { this.customerId = customerId; return this; }
    public ServiceCaseBuilder subject(String subject) { this.subject = subject; return this; }
    public ServiceCaseBuilder description(@Nullable String description) { this.description = description; return this; }
    public ServiceCaseBuilder origin(ServiceCaseOrigin origin) { this.origin = origin; return this; }
    public ServiceCaseBuilder type(String type) { this.type = type; return this; }
    public ServiceCaseBuilder priority(Priority priority) { this.priority = priority; return this; }
    public ServiceCaseBuilder status(ServiceCaseStatus status) { this.status = status; return this; }
    public ServiceCaseBuilder assignee(@Nullable Assignee assignee) { this.assignee = assignee; return this; }
    public ServiceCaseBuilder parent(@Nullable ServiceCaseId parentId) { this.parentId = parentId; return this; }
    public ServiceCaseBuilder interaction(InteractionId interaction) { interactions.add(interaction); return this; }
    public ServiceCaseBuilder requirement(RequirementId requirement) { requirements.add(requirement); return this; }
    public ServiceCaseBuilder createdBy(String createdBy) { this.createdBy = createdBy; return this; }
    public ServiceCaseBuilder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
    public ServiceCaseBuilder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }
    public ServiceCaseBuilder version(long version) { this.version = version; return this; }
    public ServiceCaseBuilder responses(CaseResponses responses) { this.responses = responses; return this; }
    public ServiceCaseBuilder sla(SlaMarks sla) { this.sla = sla; return this; }

    /** Stored service-level marks with only these instants set (each may be null) and nothing marked. */
    public ServiceCaseBuilder sla(@Nullable Instant dueAt, @Nullable Instant checkAt, @Nullable Instant breachedAt) {
        this.sla = new SlaMarks(Optional.of("policy"), Optional.ofNullable(dueAt), Optional.empty(),
                Optional.ofNullable(checkAt), Optional.ofNullable(breachedAt), Set.of(), Set.of());
        return this;
    }

    /** Appends a status change to the history and moves the status to {@code to}. */
    public ServiceCaseBuilder change(ServiceCaseStatus from, ServiceCaseStatus to, String actorId, Instant at,
                                     @Nullable String comment) {
        history.add(new StatusChange<>(from, to, UserRef.of(actorId), at, Optional.ofNullable(comment)));
        this.status = to;
        return this;
    }

    public ServiceCase build() {
        return new ServiceCase(id, customerId, subject, Optional.ofNullable(description), origin, type, priority, status,
                Optional.ofNullable(assignee), Optional.ofNullable(parentId), interactions, requirements, history,
                UserRef.of(createdBy), createdAt, updatedAt, version, responses, sla);
    }
}
