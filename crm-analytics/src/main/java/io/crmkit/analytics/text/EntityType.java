package io.crmkit.analytics.text;

/** What an {@link Entity} is. */
public enum EntityType {
    /** A person's name (from a backend with named-entity recognition, such as HanLP). */
    PERSON,
    /** A place (from a backend with named-entity recognition). */
    PLACE,
    /** An organisation (from a backend with named-entity recognition). */
    ORGANIZATION,
    /** An order number matching one of the configured patterns; the value is the number itself. */
    ORDER_NUMBER,
    /** A phone number valid in its country's numbering plan; the value is its E.164 form. */
    PHONE,
    /** An email address; the value is the address with its domain lower-cased. */
    EMAIL,
    /** An amount of money; the value is the ISO currency code, a space and the plain amount ({@code CNY 1299.00}). */
    MONEY,
    /** A calendar date, absolute or relative to the reference date; the value is ISO 8601 ({@code 2026-03-05}). */
    DATE,
    /** A product name from the host's dictionary; the value is the name as the host spelt it. */
    PRODUCT
}
