package io.crmkit.core.service;

/**
 * What a service-level target measures, each in working time of the policy's calendar, only while the case is in
 * a counting status (open and not a pause status of {@link ServiceSettings}).
 */
public enum SlaMetric {
    /**
     * From the case's creation to the first agent response: the earliest {@code OUTBOUND} interaction linked to the
     * case, at its {@code occurredAt} (at the creation if it occurred before). A case that leaves the open statuses
     * without a response stops this clock there.
     */
    FIRST_RESPONSE,
    /**
     * From an {@code INBOUND} interaction linked after a response (the customer wrote back) until the next
     * {@code OUTBOUND} one; one cycle after another, only the latest counts. Interactions are taken in the order
     * they are linked.
     */
    NEXT_RESPONSE,
    /**
     * From the case's creation until it reaches RESOLVED, CLOSED, REJECTED or DUPLICATE. Reopening resumes the clock
     * with the working time it had used: the time the case spent resolved does not count, like a pause.
     */
    RESOLUTION
}
