package io.crmkit.core.customer;

/** A way to reach a customer: an email address, a phone number or a postal address. */
public sealed interface ContactPoint permits EmailAddress, PhoneNumber, PostalAddress {
    /** The contact point as one line of text. */
    String text();
}
