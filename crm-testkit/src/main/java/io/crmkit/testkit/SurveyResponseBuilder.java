package io.crmkit.testkit;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.satisfaction.SurveyResponseId;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Builds a {@link SurveyResponse} for tests; start one with {@link TestData#surveyResponse}. Not thread-safe. */
public final class SurveyResponseBuilder {
    private SurveyResponseId id;
    private CustomerId customerId;
    private SurveyKind kind;
    private int score;
    private @Nullable String comment;
    private @Nullable String touchpoint;
    private @Nullable InteractionChannel channel;
    private Instant respondedAt;

    SurveyResponseBuilder(SurveyResponseId id, CustomerId customerId, SurveyKind kind, int score, Instant now) {
        this.id = id;
        this.customerId = customerId;
        this.kind = kind;
        this.score = score;
        this.respondedAt = now;
    }

    public SurveyResponseBuilder id(SurveyResponseId id) { this.id = id; return this; }
    public SurveyResponseBuilder customer(CustomerId customerId) { this.customerId = customerId; return this; }
    public SurveyResponseBuilder kind(SurveyKind kind) { this.kind = kind; return this; }
    public SurveyResponseBuilder score(int score) { this.score = score; return this; }
    public SurveyResponseBuilder comment(@Nullable String comment) { this.comment = comment; return this; }
    public SurveyResponseBuilder touchpoint(@Nullable String touchpoint) { this.touchpoint = touchpoint; return this; }
    public SurveyResponseBuilder channel(@Nullable InteractionChannel channel) { this.channel = channel; return this; }
    public SurveyResponseBuilder respondedAt(Instant respondedAt) { this.respondedAt = respondedAt; return this; }

    /** @throws io.crmkit.core.ValidationException if the score is outside the kind's scale */
    public SurveyResponse build() {
        return new SurveyResponse(id, customerId, kind, score, Optional.ofNullable(comment),
                Optional.ofNullable(touchpoint), Optional.ofNullable(channel), respondedAt);
    }
}
