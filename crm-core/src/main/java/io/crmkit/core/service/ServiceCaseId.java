package io.crmkit.core.service;

import java.util.Objects;
import java.util.UUID;

/** Identifies a service case. Time-ordered (UUID version 7), so id order is creation order. */
public record ServiceCaseId(UUID value) {
    public ServiceCaseId {
        Objects.requireNonNull(value, "value");
    }

    public static ServiceCaseId parse(String text) {
        return new ServiceCaseId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
