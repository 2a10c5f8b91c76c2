package io.crmkit.core.interaction;

/** Who started the contact: the customer (inbound) or us (outbound). */
public enum Direction {
    INBOUND,
    OUTBOUND
}
