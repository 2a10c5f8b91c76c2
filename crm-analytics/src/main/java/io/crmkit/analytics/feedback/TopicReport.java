package io.crmkit.analytics.feedback;

import io.crmkit.analytics.text.Polarity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What customers talk about: the most frequent topics overall, per period, per product and per sentiment, and the
 * trend of the overall top topics. From {@link FeedbackTopics}; immutable.
 *
 * @param texts       feedback texts analysed
 * @param overall     the top topics over all texts
 * @param periods     every period from the first text's to the last text's, oldest first
 * @param byProduct   the top topics of the texts about each product (named in the text or given), by product name
 * @param bySentiment the top topics of the positive, negative and neutral texts (only those that occur)
 * @param trends      one per topic of {@code overall}, in the same order
 */
public record TopicReport(int texts, List<TopicCount> overall, List<PeriodTopics> periods,
                          Map<String, List<TopicCount>> byProduct, Map<Polarity, List<TopicCount>> bySentiment,
                          List<TopicTrend> trends) {
    public TopicReport {
        overall = List.copyOf(overall);
        periods = List.copyOf(periods);
        byProduct = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(byProduct, "byProduct")));
        bySentiment = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(bySentiment, "bySentiment")));
        trends = List.copyOf(trends);
    }
}
