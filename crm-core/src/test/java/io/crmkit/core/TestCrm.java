package io.crmkit.core;

import io.crmkit.core.memory.InMemoryStorage;

/** Builds a Crm on fresh in-memory storage, the way a host application would. */
public final class TestCrm {
    public static final String START = "2025-03-10T08:00:00Z";

    private TestCrm() {
    }

    /** A builder with fresh in-memory storage and the given clock. */
    public static CrmBuilder builder(MutableClock clock) {
        return Crm.builder().storage(InMemoryStorage.create()).clock(clock);
    }

    public static Crm create(MutableClock clock) {
        return builder(clock).build();
    }

    public static Crm create() {
        return create(MutableClock.at(START));
    }
}
