package io.crmkit.core.commerce;

import java.util.Objects;
import java.util.UUID;

/** Identifies a purchase. Time-ordered (UUID version 7). */
public record PurchaseId(UUID value) {
    public PurchaseId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
