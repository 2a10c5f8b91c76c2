package io.crmkit.core.security;

/**
 * The parts of a customer an {@link io.crmkit.core.security.AccessPolicy} can hide from a role. A hidden
 * field comes back empty and is named in {@link io.crmkit.core.customer.Customer#hiddenFields()}; an edit keeps its stored value
 * and may not change it. The id, kind, name, stage, owner and department are never hidden: they are what
 * a list shows and what access is decided by.
 */
public enum CustomerField {
    EMAILS,
    PHONES,
    ADDRESSES,
    ATTRIBUTES,
    EXTERNAL_REFS,
    CONSENTS,
    JOB_TITLE,
    TIME_ZONE
}
