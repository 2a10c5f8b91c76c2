package io.crmkit.core.policy;

import io.crmkit.core.ValidationException;
import io.crmkit.core.satisfaction.SurveyKind;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * When a policy contacts a customer again: every N days, or within N days after an event (a purchase, a service case
 * closed, a survey score below a threshold) that no contact by the policy's method has followed yet.
 *
 * <pre>{@code
 * Cadence.everyDays(90);                              // not contacted by the method in the last 90 days
 * Cadence.afterPurchase(3);                           // bought in the last 3 days, not contacted since
 * Cadence.afterCaseClosed(2);
 * Cadence.afterLowScore(SurveyKind.CSAT, 3, 7);      // a CSAT score below 3 in the last 7 days
 * }</pre>
 *
 * @param trigger   what starts a contact
 * @param days      the cadence in days: how long a contact lasts (EVERY), or how long after the event it is due
 * @param survey    for LOW_SCORE: the kind of survey
 * @param scoreBelow for LOW_SCORE: scores below this are low
 */
public record Cadence(Trigger trigger, int days, Optional<SurveyKind> survey, OptionalInt scoreBelow) {
    /** The longest cadence: ten years. */
    public static final int MAX_DAYS = 3_660;

    /** What makes a customer due. */
    public enum Trigger {
        /** No contact by the method in the last {@code days} days. */
        EVERY,
        /** A purchase in the last {@code days} days with no contact by the method since. */
        PURCHASE,
        /** A service case closed in the last {@code days} days with no contact by the method since. */
        CASE_CLOSED,
        /** A survey score below the threshold in the last {@code days} days with no contact by the method since. */
        LOW_SCORE
    }

    public Cadence {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(survey, "survey");
        Objects.requireNonNull(scoreBelow, "scoreBelow");
        if (days < 1 || days > MAX_DAYS) {
            throw ValidationException.of("cadence.days", "range", "must be 1 to " + MAX_DAYS + " but was " + days);
        }
        if (trigger == Trigger.LOW_SCORE) {
            if (survey.isEmpty() || scoreBelow.isEmpty()) {
                throw ValidationException.of("cadence.scoreBelow", "required", "a low-score cadence needs a survey kind and a threshold");
            }
            SurveyKind k = survey.get();
            int t = scoreBelow.getAsInt();
            if (t <= k.min() || t > k.max()) {
                throw ValidationException.of("cadence.scoreBelow", "range", "must be above " + k.min() + " and at most "
                        + k.max() + " for " + k + " but was " + t);
            }
        } else if (survey.isPresent() || scoreBelow.isPresent()) {
            throw ValidationException.of("cadence.scoreBelow", "not_allowed", "only a low-score cadence has a threshold");
        }
    }

    public static Cadence everyDays(int days) {
        return new Cadence(Trigger.EVERY, days, Optional.empty(), OptionalInt.empty());
    }

    public static Cadence afterPurchase(int withinDays) {
        return new Cadence(Trigger.PURCHASE, withinDays, Optional.empty(), OptionalInt.empty());
    }

    public static Cadence afterCaseClosed(int withinDays) {
        return new Cadence(Trigger.CASE_CLOSED, withinDays, Optional.empty(), OptionalInt.empty());
    }

    public static Cadence afterLowScore(SurveyKind survey, int scoreBelow, int withinDays) {
        return new Cadence(Trigger.LOW_SCORE, withinDays, Optional.of(survey), OptionalInt.of(scoreBelow));
    }
}
