package io.crmkit.core.service;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.Priority;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which cases to read; every criterion that is set must hold. Immutable:
 * {@code ServiceCaseQuery.all().assigneeDepartment(service).openOnly().priority(Priority.URGENT)}.
 *
 * @param customerId         cases of this customer
 * @param statuses           cases in one of these statuses; empty: any status
 * @param onlyOpen           cases whose status {@linkplain ServiceCaseStatus#isOpen() is open}
 * @param assigneeUser       cases assigned to this user
 * @param assigneeDepartment cases assigned to this department
 * @param priority           cases of this priority
 * @param type               cases of this type code
 * @param parentId           the cases directly below this one
 * @param createdFrom        cases created at or after this time
 * @param createdTo          cases created before this time
 */
public record ServiceCaseQuery(Optional<CustomerId> customerId, Set<ServiceCaseStatus> statuses, boolean onlyOpen,
                               Optional<UserRef> assigneeUser, Optional<DepartmentRef> assigneeDepartment,
                               Optional<Priority> priority, Optional<String> type, Optional<ServiceCaseId> parentId,
                               Optional<Instant> createdFrom, Optional<Instant> createdTo) {
    private static final ServiceCaseQuery ALL = new ServiceCaseQuery(Optional.empty(), Set.of(), false, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public ServiceCaseQuery {
        Objects.requireNonNull(customerId, "customerId");
        statuses = Set.copyOf(statuses);
        Objects.requireNonNull(assigneeUser, "assigneeUser");
        Objects.requireNonNull(assigneeDepartment, "assigneeDepartment");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(createdFrom, "createdFrom");
        Objects.requireNonNull(createdTo, "createdTo");
    }

    /** Every case. */
    public static ServiceCaseQuery all() {
        return ALL;
    }

    public ServiceCaseQuery customer(CustomerId customer) {
        return new ServiceCaseQuery(Optional.of(customer), statuses, onlyOpen, assigneeUser, assigneeDepartment, priority,
                type, parentId, createdFrom, createdTo);
    }

    /** Cases in one of these statuses. */
    public ServiceCaseQuery status(ServiceCaseStatus first, ServiceCaseStatus... more) {
        return new ServiceCaseQuery(customerId, EnumSet.of(first, more), onlyOpen, assigneeUser, assigneeDepartment,
                priority, type, parentId, createdFrom, createdTo);
    }

    /** Open cases only: NEW, ASSIGNED, PENDING_CUSTOMER, ON_HOLD. */
    public ServiceCaseQuery openOnly() {
        return new ServiceCaseQuery(customerId, statuses, true, assigneeUser, assigneeDepartment, priority, type, parentId,
                createdFrom, createdTo);
    }

    public ServiceCaseQuery assigneeUser(UserRef user) {
        return new ServiceCaseQuery(customerId, statuses, onlyOpen, Optional.of(user), assigneeDepartment, priority, type,
                parentId, createdFrom, createdTo);
    }

    public ServiceCaseQuery assigneeDepartment(DepartmentRef department) {
        return new ServiceCaseQuery(customerId, statuses, onlyOpen, assigneeUser, Optional.of(department), priority, type,
                parentId, createdFrom, createdTo);
    }

    public ServiceCaseQuery priority(Priority priority) {
        return new ServiceCaseQuery(customerId, statuses, onlyOpen, assigneeUser, assigneeDepartment, Optional.of(priority),
                type, parentId, createdFrom, createdTo);
    }

    public ServiceCaseQuery type(String type) {
        return new ServiceCaseQuery(customerId, statuses, onlyOpen, assigneeUser, assigneeDepartment, priority,
                Optional.of(type), parentId, createdFrom, createdTo);
    }

    /** The cases directly below {@code parent}. */
    public ServiceCaseQuery childrenOf(ServiceCaseId parent) {
        return new ServiceCaseQuery(customerId, statuses, onlyOpen, assigneeUser, assigneeDepartment, priority, type,
                Optional.of(parent), createdFrom, createdTo);
    }

    /** Cases created in {@code [from, to)}. */
    public ServiceCaseQuery createdBetween(Instant from, Instant to) {
        return new ServiceCaseQuery(customerId, statuses, onlyOpen, assigneeUser, assigneeDepartment, priority, type,
                parentId, Optional.of(from), Optional.of(to));
    }

    /**
     * The statuses a case may be in to match {@link #statuses()} and {@link #onlyOpen()} together: every status
     * when neither is set, none when they exclude each other (only RESOLVED, and open only).
     */
    public Set<ServiceCaseStatus> admittedStatuses() {
        EnumSet<ServiceCaseStatus> admitted = EnumSet.allOf(ServiceCaseStatus.class);
        if (!statuses.isEmpty()) {
            admitted.retainAll(statuses);
        }
        if (onlyOpen) {
            admitted.removeIf(s -> !s.isOpen());
        }
        return Set.copyOf(admitted);
    }

    /** Whether the query restricts the status at all. */
    public boolean restrictsStatus() {
        return onlyOpen || !statuses.isEmpty();
    }

    /** Whether a case matches every criterion (the memory form of what a database adapter puts in its WHERE). */
    public boolean matches(ServiceCase c) {
        return customerId.map(x -> x.equals(c.customerId())).orElse(true)
                && (!restrictsStatus() || admittedStatuses().contains(c.status()))
                && assigneeUser.map(u -> c.assignee().flatMap(a -> a.user()).map(u::equals).orElse(false)).orElse(true)
                && assigneeDepartment.map(d -> c.assignee().flatMap(a -> a.department()).map(d::equals).orElse(false)).orElse(true)
                && priority.map(p -> p == c.priority()).orElse(true)
                && type.map(t -> t.equals(c.type())).orElse(true)
                && parentId.map(p -> c.parentId().map(p::equals).orElse(false)).orElse(true)
                && createdFrom.map(f -> !c.createdAt().isBefore(f)).orElse(true)
                && createdTo.map(t -> c.createdAt().isBefore(t)).orElse(true);
    }
}
