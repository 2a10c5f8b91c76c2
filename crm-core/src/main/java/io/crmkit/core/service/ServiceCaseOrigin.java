package io.crmkit.core.service;

/** Where a service case came in from. */
public enum ServiceCaseOrigin {
    PHONE,
    EMAIL,
    WEB,
    CHAT,
    /** Raised from a survey answer (a low CSAT or NPS score, say). */
    SURVEY,
    /** Raised from feedback the customer gave outside a survey. */
    FEEDBACK
}
