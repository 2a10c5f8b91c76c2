package io.crmkit.analytics.value;

/**
 * Named customer segments from recency (R) and frequency (F) scores, 1 to 5. The first matching rule
 * names the segment.
 */
public enum RfmSegment {
    /** R 4-5, F 4-5: bought recently and often. */
    CHAMPIONS,
    /** R 3, F 4-5: buy often, not quite recently. */
    LOYAL,
    /** R 4-5, F 2-3: recent, with a few purchases. */
    POTENTIAL_LOYALISTS,
    /** R 4-5, F 1: bought recently for the first time or so. */
    NEW_CUSTOMERS,
    /** R 3, F 2-3: average on both. */
    NEED_ATTENTION,
    /** R 3, F 1: few purchases, slipping away. */
    ABOUT_TO_SLEEP,
    /** R 1, F 5: used to buy most often, not for a long time. */
    CANNOT_LOSE,
    /** R 1-2, F 3-5: used to buy often, not recently. */
    AT_RISK,
    /** R 1-2, F 2: few purchases long ago. */
    HIBERNATING,
    /** R 1-2, F 1: one purchase long ago. */
    LOST;

    /** The segment of these scores. */
    public static RfmSegment of(int recency, int frequency) {
        if (recency >= 4) {
            return frequency >= 4 ? CHAMPIONS : frequency >= 2 ? POTENTIAL_LOYALISTS : NEW_CUSTOMERS;
        }
        if (recency == 3) {
            return frequency >= 4 ? LOYAL : frequency >= 2 ? NEED_ATTENTION : ABOUT_TO_SLEEP;
        }
        if (recency == 1 && frequency == 5) {
            return CANNOT_LOSE;
        }
        return frequency >= 3 ? AT_RISK : frequency == 2 ? HIBERNATING : LOST;
    }

    /** The name for people: "At risk". */
    public String label() {
        String s = name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
