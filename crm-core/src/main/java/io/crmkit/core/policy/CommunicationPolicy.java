package io.crmkit.core.policy;

import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.task.Assignee;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule for contacting customers: whom (a target segment, a saved customer query), why (the goal), how (a
 * {@link ContactMethod} on a consent channel), how often ({@link Cadence}), by whom (the owner user or department, who
 * gets the tasks and owns the policy for access) and when ({@code activeFrom} to {@code activeTo}, inclusive). Message
 * methods send the policy's template. Immutable, with a {@code version} for optimistic locking; created and changed
 * through {@code crm.policies()}.
 *
 * @param channel         the channel whose consent a contact needs (and whose caps apply); empty for a visit without one
 * @param responseWindowDays how long after a contact an inbound interaction, a survey answer or a purchase counts as
 *                        its response in {@link PolicyService#effectiveness}
 */
public record CommunicationPolicy(PolicyId id, String name, String goal, CustomerQuery segment, ContactMethod method,
                                  Optional<ContactChannel> channel, Cadence cadence, Assignee owner,
                                  LocalDate activeFrom, Optional<LocalDate> activeTo, Optional<MessageTemplate> template,
                                  int responseWindowDays, Instant createdAt, Instant updatedAt, long version) {
    /** Longest name, in characters (code points). */
    public static final int MAX_NAME = 200;
    /** Longest goal, in characters. */
    public static final int MAX_GOAL = 2_000;
    /** Longest template subject and text, in characters. */
    public static final int MAX_TEMPLATE_TEXT = 100_000;
    /** The response window unless set, in days. */
    public static final int DEFAULT_RESPONSE_DAYS = 7;
    /** The longest response window, in days. */
    public static final int MAX_RESPONSE_DAYS = 365;
    /** The earliest and latest years of the active period. */
    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2999;

    public CommunicationPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(activeFrom, "activeFrom");
        Objects.requireNonNull(activeTo, "activeTo");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Whether the policy is in force on {@code date}. */
    public boolean activeOn(LocalDate date) {
        return !date.isBefore(activeFrom) && activeTo.map(to -> !date.isAfter(to)).orElse(true);
    }
}
