package io.crmkit.core.service;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Workflow;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Service cases (tickets) through their workflow. From {@code crm.cases()}; thread-safe. The acting user is
 * recorded as creator and transition actor; every change is one transaction with its audit entry. A case
 * follows its customer for access: whoever may read the customer by the rule for
 * {@link io.crmkit.core.security.RecordKind#SERVICE_CASE} sees its cases.
 */
public interface ServiceCaseService {
    /**
     * Opens a case: in NEW, or ASSIGNED if the form names an assignee (and the workflow allows it).
     *
     * @throws io.crmkit.core.NotFoundException   if the customer, a linked interaction or need, or the parent case
     *                                            does not exist (or is out of the actor's reach)
     * @throws io.crmkit.core.ValidationException listing every invalid field, including links and a parent of
     *                                            another customer
     */
    ServiceCase create(NewServiceCase serviceCase);

    Optional<ServiceCase> get(ServiceCaseId id);

    /** As {@link #get}, for an id that must exist. @throws NotFoundException if there is none */
    default ServiceCase require(ServiceCaseId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no service case " + id));
    }

    /**
     * Changes subject, description, type and priority as {@code edit} says.
     *
     * @throws io.crmkit.core.ConflictException   if the case changed since the edit began
     * @throws io.crmkit.core.ValidationException listing every invalid field
     */
    ServiceCase update(ServiceCaseEdit edit);

    /** Hands the case to a user, a department or a user in a department; a NEW case becomes ASSIGNED. */
    ServiceCase assign(ServiceCaseId id, Assignee assignee);

    /**
     * Moves the case to another status, recording actor, time and comment (up to
     * {@value io.crmkit.core.workflow.StatusChange#MAX_COMMENT} characters).
     *
     * @throws io.crmkit.core.InvalidTransitionException if the workflow does not allow the move
     * @throws io.crmkit.core.ValidationException       for a move to ASSIGNED of a case nobody is assigned to
     */
    ServiceCase transition(ServiceCaseId id, ServiceCaseStatus to, @Nullable String comment);

    default ServiceCase resolve(ServiceCaseId id, @Nullable String comment) {
        return transition(id, ServiceCaseStatus.RESOLVED, comment);
    }

    default ServiceCase close(ServiceCaseId id, @Nullable String comment) {
        return transition(id, ServiceCaseStatus.CLOSED, comment);
    }

    /** Takes a RESOLVED or CLOSED case up again: back to ASSIGNED, to its assignee, in the default workflow. */
    default ServiceCase reopen(ServiceCaseId id, @Nullable String comment) {
        return transition(id, ServiceCaseStatus.ASSIGNED, comment);
    }

    /**
     * Links an interaction of the case's customer; linking one that is linked already changes nothing.
     *
     * @throws io.crmkit.core.NotFoundException   if there is no such interaction (or it is out of reach)
     * @throws io.crmkit.core.ValidationException if it belongs to another customer, or the case has
     *                                            {@value ServiceCase#MAX_LINKS} linked already
     */
    ServiceCase linkInteraction(ServiceCaseId id, InteractionId interaction);

    /** As {@link #linkInteraction}, for a need of the case's customer. */
    ServiceCase linkRequirement(ServiceCaseId id, RequirementId requirement);

    /**
     * Makes the case part of {@code parent} (null: of none).
     *
     * @throws io.crmkit.core.NotFoundException   if there is no such parent case (or it is out of reach)
     * @throws io.crmkit.core.ValidationException if the parent belongs to another customer or the case would end up
     *                                            above itself
     */
    ServiceCase setParent(ServiceCaseId id, @Nullable ServiceCaseId parent);

    /** The matching cases the actor may read, oldest first. */
    Page<ServiceCase> search(ServiceCaseQuery query, PageRequest page);

    /** How many cases {@link #search} lists for the actor, counted by the storage (a backlog, say). */
    long count(ServiceCaseQuery query);

    /** A customer's cases, oldest first. */
    default Page<ServiceCase> ofCustomer(CustomerId customer, PageRequest page) {
        return search(ServiceCaseQuery.all().customer(customer), page);
    }

    /** Open cases assigned to a user, oldest first. */
    default Page<ServiceCase> assignedToUser(UserRef user, PageRequest page) {
        return search(ServiceCaseQuery.all().assigneeUser(user).openOnly(), page);
    }

    /** Open cases assigned to a department, oldest first. */
    default Page<ServiceCase> assignedToDepartment(DepartmentRef department, PageRequest page) {
        return search(ServiceCaseQuery.all().assigneeDepartment(department).openOnly(), page);
    }

    /**
     * The service-level clocks of a case as at now: the policy that matches it and, per metric, target, start, due
     * instant, elapsed and paused working time, what remains and whether it runs, is paused, met or breached.
     *
     * @throws NotFoundException if there is no such case (or it is out of the actor's reach)
     */
    SlaStatus sla(ServiceCaseId id);

    /**
     * Runs the SLA monitor once, on this thread: marks every warning and breach that has come by the CRM's clock,
     * publishes their events and escalates, in batches, as the system actor whoever calls. Returns how many cases it
     * marked. The background monitor ({@link ServiceSettings.Builder#backgroundMonitor}) calls the same.
     */
    int checkSla();

    /**
     * Cases the actor may read whose earliest running due instant is before {@code instant}: breaching soon (pass
     * the time a warning should look ahead to) or already past due and not yet marked breached; earliest due first.
     * Paused cases and cases without a running clock are not listed.
     */
    Page<ServiceCase> dueBefore(Instant instant, PageRequest page);

    /** Cases the actor may read whose first marked breach ran out in {@code [from, to)}; earliest first. */
    Page<ServiceCase> breachedBetween(Instant from, Instant to, PageRequest page);

    /**
     * First-response and resolution times and service-level attainment of the cases created in {@code [from, to)}
     * that the actor may read, overall and per department of the assignee.
     *
     * @throws io.crmkit.core.ValidationException if {@code to} is not after {@code from}
     */
    ServiceStats stats(Instant from, Instant to);

    /** The workflow in force. */
    Workflow<ServiceCaseStatus> workflow();
}
