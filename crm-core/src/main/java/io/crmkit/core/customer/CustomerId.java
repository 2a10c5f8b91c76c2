package io.crmkit.core.customer;

import io.crmkit.core.ValidationException;
import java.util.Objects;
import java.util.UUID;

/** Identifies a customer. Time-ordered (UUID version 7). */
public record CustomerId(UUID value) {
    public CustomerId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the canonical UUID text form. */
    public static CustomerId parse(String text) {
        try {
            return new CustomerId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("customerId", "format", "must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
