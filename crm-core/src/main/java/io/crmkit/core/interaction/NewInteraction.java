package io.crmkit.core.interaction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An interaction to log, as entered. Subject up to 200 characters, notes up to 100,000, outcome up to
 * 200; {@code occurredAt} defaults to now. Not thread-safe.
 */
public final class NewInteraction {
    private final InteractionChannel channel;
    private final Direction direction;
    private @Nullable String subject;
    private @Nullable String notes;
    private @Nullable Instant occurredAt;
    private @Nullable Duration duration;
    private @Nullable String outcome;
    private final List<RecordLink> links = new ArrayList<>();

    NewInteraction(InteractionChannel channel, Direction direction) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.direction = Objects.requireNonNull(direction, "direction");
    }

    public NewInteraction subject(String subject) {
        this.subject = subject;
        return this;
    }

    public NewInteraction notes(String notes) {
        this.notes = notes;
        return this;
    }

    public NewInteraction occurredAt(Instant occurredAt) {
        this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
        return this;
    }

    public NewInteraction duration(Duration duration) {
        this.duration = Objects.requireNonNull(duration, "duration");
        return this;
    }

    /** What came of it: "回访完成", "left voicemail", "order placed". */
    public NewInteraction outcome(String outcome) {
        this.outcome = outcome;
        return this;
    }

    public NewInteraction link(RecordLink.Type type, java.util.UUID id) {
        links.add(new RecordLink(type, id));
        return this;
    }

    public InteractionChannel channel() {
        return channel;
    }

    public Direction direction() {
        return direction;
    }

    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    public Optional<String> notes() {
        return Optional.ofNullable(notes);
    }

    public Optional<Instant> occurredAt() {
        return Optional.ofNullable(occurredAt);
    }

    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    public Optional<String> outcome() {
        return Optional.ofNullable(outcome);
    }

    public List<RecordLink> links() {
        return List.copyOf(links);
    }
}
