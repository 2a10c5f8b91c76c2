package io.crmkit.core.memory;

import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.marketing.Campaign;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.task.Task;
import java.util.Optional;

/** An {@link AccessScope} as a predicate over the tables: the memory form of what SQL adapters add to a query. */
record MemoryAccess(Table<Customer> customers, MemoryShares shares) {
    boolean admits(AccessScope scope, Customer customer) {
        return scope.admits(customer.owner(), customer.department())
                || shares.sharedWithAny(RecordKind.CUSTOMER, customer.id().value(), scope.sharedWith());
    }

    /** For a record that belongs to a customer: whether the scope admits its customer. */
    boolean admitsCustomer(AccessScope scope, CustomerId customer) {
        return scope.unrestricted() || customers.get(customer.value()).map(c -> admits(scope, c)).orElse(false);
    }

    /** A task is owned by its assignee user and its creator, and belongs to its assignee department. */
    boolean admits(AccessScope scope, Task task) {
        Optional<io.crmkit.core.security.DepartmentRef> department = task.assignee().flatMap(a -> a.department());
        return scope.admits(task.assignee().flatMap(a -> a.user()), department)
                || scope.admits(Optional.of(task.creator()), department)
                || shares.sharedWithAny(RecordKind.TASK, task.id().value(), scope.sharedWith());
    }

    /** A campaign is owned by its owner and belongs to its department; it is not shared. */
    boolean admits(AccessScope scope, Campaign campaign) {
        return scope.admits(Optional.of(campaign.owner()), campaign.department());
    }

    /** A document is owned by its owner and belongs to its department; it is granted through document shares. */
    boolean admits(AccessScope scope, io.crmkit.core.document.Document document) {
        return scope.admits(Optional.of(document.owner()), document.department())
                || shares.sharedWithAny(RecordKind.DOCUMENT, document.id().value(), scope.sharedWith());
    }

    /** An opportunity is owned by its owner and belongs to its department. */
    boolean admits(AccessScope scope, Opportunity opportunity) {
        return scope.admits(Optional.of(opportunity.owner()), opportunity.department())
                || shares.sharedWithAny(RecordKind.OPPORTUNITY, opportunity.id().value(), scope.sharedWith());
    }
}
