package io.crmkit.analytics.feedback;

import java.util.List;
import java.util.Objects;

/**
 * Where one of the overall top topics is heading: its texts per period, and the last period's share against that of
 * all the periods before it, with a two-proportion z-test.
 *
 * @param topic        the topic
 * @param counts       texts with the topic in each period of {@link TopicReport#periods()}, in the same order
 * @param lastShare    share of the last period's texts that have it (0 when it had none)
 * @param earlierShare share of the earlier periods' texts that have it (0 when there are none)
 * @param pValue       two-sided p-value of the difference (1 when there is only one period)
 * @param direction    {@link Direction#RISING} or {@link Direction#FALLING} when the p-value is below 0.05
 */
public record TopicTrend(String topic, List<Integer> counts, double lastShare, double earlierShare, double pValue,
                         Direction direction) {
    /** Up, down, or no difference the data can tell from chance. */
    public enum Direction {
        RISING,
        FALLING,
        STEADY
    }

    public TopicTrend {
        Objects.requireNonNull(topic, "topic");
        counts = List.copyOf(counts);
        Objects.requireNonNull(direction, "direction");
    }
}
