package io.crmkit.core.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One service-level clock of a case at one moment, in working time of its policy's calendar.
 *
 * @param metric    what it measures
 * @param policy    the name of the policy that set the target
 * @param target    the working time allowed
 * @param started   when it began: the creation, or for {@link SlaMetric#NEXT_RESPONSE} the customer's reply
 * @param stoppedAt when it stopped: the response, or the move to a status that is not open; empty while it runs
 * @param due       when the target is used up, if the clock gets there: empty while paused or if it stopped before
 * @param elapsed   working time counted so far (until it stopped)
 * @param paused    working time spent in pause statuses meanwhile
 * @param remaining working time left of the target; zero once used up
 * @param state     where it stands
 */
public record SlaClock(SlaMetric metric, String policy, Duration target, Instant started, Optional<Instant> stoppedAt,
                       Optional<Instant> due, Duration elapsed, Duration paused, Duration remaining, SlaState state) {
    public SlaClock {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(stoppedAt, "stoppedAt");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(paused, "paused");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(state, "state");
    }
}
