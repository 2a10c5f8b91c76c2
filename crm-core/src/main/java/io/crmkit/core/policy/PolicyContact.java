package io.crmkit.core.policy;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * One contact a policy made, stored once per policy, customer and due date (what makes running a policy twice harmless):
 * the task or message, its entry on the timeline, and until when an answer counts as its response.
 *
 * @param kind         {@link ContactOutcome#TASK_CREATED} or {@link ContactOutcome#MESSAGE_QUEUED}, or REFUSED for a
 *                     message messaging refused (on the timeline as refused, not counted as a contact)
 * @param recordId     the task's or message's id
 * @param respondUntil the end of the response window
 */
public record PolicyContact(PolicyId policyId, CustomerId customerId, LocalDate dueDate, ContactOutcome kind,
                            UUID recordId, InteractionId interactionId, Instant at, Instant respondUntil) {
    public PolicyContact {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(respondUntil, "respondUntil");
    }

    /** Whether it reached the customer's timeline as a contact (not a refused message). */
    public boolean counts() {
        return kind != ContactOutcome.REFUSED;
    }

    /** The same contact with another customer: a merge's change. */
    public PolicyContact withCustomer(CustomerId to) {
        return new PolicyContact(policyId, to, dueDate, kind, recordId, interactionId, at, respondUntil);
    }
}
