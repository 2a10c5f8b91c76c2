package io.crmkit.core.policy;

import io.crmkit.core.ValidationException;

/**
 * The most contacts one customer gets in a rolling day (the due date), week (it and the 6 days before) and month (it
 * and the 29 days before). {@link #UNLIMITED} lifts a cap. Immutable: {@code ContactLimits.of(1, 3, 8)}.
 */
public record ContactLimits(int perDay, int perWeek, int perMonth) {
    /** No cap. */
    public static final int UNLIMITED = Integer.MAX_VALUE;
    /** No caps at all. */
    public static final ContactLimits NONE = new ContactLimits(UNLIMITED, UNLIMITED, UNLIMITED);

    public ContactLimits {
        check("perDay", perDay);
        check("perWeek", perWeek);
        check("perMonth", perMonth);
    }

    public static ContactLimits of(int perDay, int perWeek, int perMonth) {
        return new ContactLimits(perDay, perWeek, perMonth);
    }

    /** Whether any of the caps is set. */
    public boolean limited() {
        return perDay != UNLIMITED || perWeek != UNLIMITED || perMonth != UNLIMITED;
    }

    private static void check(String field, int value) {
        if (value < 0) {
            throw ValidationException.of(field, "range", "must be 0 or more but was " + value);
        }
    }
}
