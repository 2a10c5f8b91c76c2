package io.crmkit.core.satisfaction;

import java.util.Objects;
import java.util.UUID;

/** Identifies a survey response. Time-ordered (UUID version 7). */
public record SurveyResponseId(UUID value) {
    public SurveyResponseId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
