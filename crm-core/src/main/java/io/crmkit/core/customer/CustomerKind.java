package io.crmkit.core.customer;

/** Whether a customer is a single person or an organisation (a company, a school, an agency). */
public enum CustomerKind {
    PERSON,
    ORGANIZATION
}
