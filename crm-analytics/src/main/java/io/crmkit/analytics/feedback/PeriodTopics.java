package io.crmkit.analytics.feedback;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The topics of one period.
 *
 * @param start  the period's first day, in the analysis' zone
 * @param texts  feedback texts in the period (0 for a period between others that had none)
 * @param topics its most frequent topics, most texts first
 */
public record PeriodTopics(LocalDate start, int texts, List<TopicCount> topics) {
    public PeriodTopics {
        Objects.requireNonNull(start, "start");
        topics = List.copyOf(topics);
    }
}
