package io.crmkit.core.customer;

/** A customer's answer for one channel. */
public enum ConsentStatus {
    OPTED_IN,
    OPTED_OUT
}
