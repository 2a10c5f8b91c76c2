package io.crmkit.core.dedup;

/**
 * Why two customers look like one. The strong reasons (a shared email, phone or external reference) each carry a
 * weight; a candidate's score is {@code 1 - (1 - w1)(1 - w2)...} over its reasons' weights, so that every agreeing
 * signal raises it and none takes it past 1. A similar name weighs {@link #NAME_ALONE} times the name similarity on
 * its own, and {@link #NAME_IN_CONTEXT} times it when the two also share an organisation or a city: a name alone
 * stays below the default {@link DuplicateQuery#DEFAULT_MIN_SCORE}, so it is proposed only when asked for with a
 * lower minimum. {@link #SAME_ORGANIZATION} and {@link #SAME_CITY} weigh nothing by themselves.
 */
public enum MatchReason {
    /** The same email address, compared lower-cased and trimmed. (Gmail's ignored dots are not applied.) */
    EMAIL(0.9),
    /** The same phone number in E.164 form. */
    PHONE(0.85),
    /**
     * The same external reference in one system, compared ignoring case, spaces and punctuation: two customers
     * cannot hold exactly the same reference, but "C-10086" and "c10086" are one.
     */
    EXTERNAL_REF(0.95),
    /** Similar names (at least {@link DuplicateQuery#DEFAULT_NAME_SIMILARITY}); see the class comment for its weight. */
    NAME(0),
    /** The same organisation ({@code organizationId}); raises a similar name's weight. */
    SAME_ORGANIZATION(0),
    /** A postal address in the same city; raises a similar name's weight. */
    SAME_CITY(0);

    /** A similar name's weight on its own, times its similarity. */
    public static final double NAME_ALONE = 0.45;
    /** A similar name's weight with a shared organisation or city, times its similarity. */
    public static final double NAME_IN_CONTEXT = 0.75;

    private final double weight;

    MatchReason(double weight) {
        this.weight = weight;
    }

    /** The weight of this reason in a candidate's score; 0 for those weighed through {@link #NAME}. */
    public double weight() {
        return weight;
    }
}
