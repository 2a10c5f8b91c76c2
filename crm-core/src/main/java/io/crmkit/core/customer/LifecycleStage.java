package io.crmkit.core.customer;

/** Where a customer stands in the relationship. */
public enum LifecycleStage {
    LEAD,
    PROSPECT,
    CUSTOMER,
    INACTIVE
}
