package io.crmkit.core.satisfaction;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionChannel;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A survey answer to record: {@code NewSurveyResponse.nps(customerId, 9).comment("很满意").touchpoint("售后")}.
 * Comment up to 10,000 characters, touchpoint up to 100; the time defaults to now. Not thread-safe.
 */
public final class NewSurveyResponse {
    private final CustomerId customerId;
    private final SurveyKind kind;
    private final int score;
    private @Nullable String comment;
    private @Nullable String touchpoint;
    private @Nullable InteractionChannel channel;
    private @Nullable Instant respondedAt;

    private NewSurveyResponse(CustomerId customerId, SurveyKind kind, int score) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.score = score;
    }

    public static NewSurveyResponse of(CustomerId customerId, SurveyKind kind, int score) {
        return new NewSurveyResponse(customerId, kind, score);
    }

    public static NewSurveyResponse csat(CustomerId customerId, int score) {
        return of(customerId, SurveyKind.CSAT, score);
    }

    public static NewSurveyResponse nps(CustomerId customerId, int score) {
        return of(customerId, SurveyKind.NPS, score);
    }

    public static NewSurveyResponse ces(CustomerId customerId, int score) {
        return of(customerId, SurveyKind.CES, score);
    }

    public NewSurveyResponse comment(String comment) { this.comment = comment; return this; }
    public NewSurveyResponse touchpoint(String touchpoint) { this.touchpoint = touchpoint; return this; }
    public NewSurveyResponse channel(InteractionChannel channel) { this.channel = channel; return this; }
    public NewSurveyResponse respondedAt(Instant at) { this.respondedAt = Objects.requireNonNull(at); return this; }

    public CustomerId customerId() { return customerId; }
    public SurveyKind kind() { return kind; }
    public int score() { return score; }
    public Optional<String> comment() { return Optional.ofNullable(comment); }
    public Optional<String> touchpoint() { return Optional.ofNullable(touchpoint); }
    public Optional<InteractionChannel> channel() { return Optional.ofNullable(channel); }
    public Optional<Instant> respondedAt() { return Optional.ofNullable(respondedAt); }
}
