package io.crmkit.analytics.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.analytics.satisfaction.Granularity;
import io.crmkit.analytics.text.CrmEntities;
import io.crmkit.analytics.text.Polarity;
import io.crmkit.analytics.text.Sentiment;
import io.crmkit.analytics.text.TextAnalyzer;
import io.crmkit.core.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Topics over a made-up quarter of feedback: delivery complaints grow from 2 of 20 texts in January to 12 of 20 in
 * March and crowd out battery praise. The sentiment model is a stand-in (negative when the text says "slow" or 慢), so
 * the groups are known.
 */
class FeedbackTopicsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final FeedbackTopics topics = FeedbackTopics.builder().zone(SHANGHAI)
            .entities(CrmEntities.builder().products(List.of("Mi Band 8", "小米手环8")).build())
            .sentiment(t -> t.toLowerCase(java.util.Locale.ROOT).contains("slow") || t.contains("慢") ? new Sentiment(Polarity.NEGATIVE, -0.7)
                    : new Sentiment(Polarity.POSITIVE, 0.5))
            .build();

    private static Instant day(int month, int day) {
        return LocalDate.of(2026, month, day).atStartOfDay(SHANGHAI).plusHours(10).toInstant();
    }

    private static List<FeedbackText> quarter() {
        List<FeedbackText> texts = new ArrayList<>();
        int[] delivery = {2, 5, 12};
        for (int m = 1; m <= 3; m++) {
            for (int i = 0; i < 20; i++) {
                String text = i < delivery[m - 1] ? "Slow delivery again, the courier was late"
                        : i % 2 == 0 ? "Battery life of the Mi Band 8 is great" : "Friendly support staff, thanks";
                texts.add(FeedbackText.of(text, day(m, 1 + i)));
            }
        }
        return texts;
    }

    @Test
    void topicsOverallPerPeriodPerProductAndPerSentimentWithTheirTrend() {
        TopicReport r = topics.of(quarter());

        assertThat(r.texts()).isEqualTo(60);
        assertThat(r.overall()).extracting(TopicCount::topic).contains("slow delivery", "battery life");
        assertThat(r.overall()).filteredOn(t -> t.topic().equals("slow delivery")).singleElement()
                .satisfies(t -> assertThat(t.texts()).isEqualTo(19));
        assertThat(r.periods()).extracting(PeriodTopics::start).containsExactly(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1));
        // ties (the phrases of one sentence) in topic order
        assertThat(r.periods().get(2).topics()).startsWith(new TopicCount("courier", 12, 0.6))
                .contains(new TopicCount("slow delivery", 12, 0.6));
        assertThat(r.periods().get(0).topics()).contains(new TopicCount("slow delivery", 2, 0.1));

        assertThat(r.byProduct()).containsOnlyKeys("Mi Band 8");
        assertThat(r.byProduct().get("Mi Band 8")).extracting(TopicCount::topic).contains("battery life")
                .doesNotContain("slow delivery");
        assertThat(r.bySentiment().get(Polarity.NEGATIVE)).contains(new TopicCount("slow delivery", 19, 1.0));
        assertThat(r.bySentiment().get(Polarity.POSITIVE)).extracting(TopicCount::topic).doesNotContain("slow delivery");

        TopicTrend delivery = trend(r, "slow delivery");
        assertThat(delivery.counts()).containsExactly(2, 5, 12);
        assertThat(delivery.lastShare()).isEqualTo(0.6);
        assertThat(delivery.earlierShare()).isEqualTo(7 / 40.0);
        assertThat(delivery.pValue()).isLessThan(0.01);
        assertThat(delivery.direction()).isEqualTo(TopicTrend.Direction.RISING);
        TopicTrend battery = trend(r, "battery life");
        assertThat(battery.counts()).containsExactly(9, 7, 4); // crowded out, but 4 of 20 against 16 of 40 is p = 0.12
        assertThat(battery.pValue()).isBetween(0.10, 0.13);
        assertThat(battery.direction()).isEqualTo(TopicTrend.Direction.STEADY);
    }

    @Test
    void aSteadyTopicIsSteadyAndEmptyPeriodsInBetweenAreKept() {
        List<FeedbackText> texts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            texts.add(FeedbackText.of(i % 2 == 0 ? "Friendly support staff" : "Battery life is great", day(1, 1 + i)));
            texts.add(FeedbackText.of(i % 2 == 0 ? "Friendly support staff" : "Battery life is great", day(4, 1 + i)));
        }
        TopicReport r = topics.of(texts);
        assertThat(r.periods()).extracting(PeriodTopics::texts).containsExactly(10, 0, 0, 10);
        assertThat(trend(r, "friendly support staff").counts()).containsExactly(5, 0, 0, 5);
        assertThat(trend(r, "friendly support staff").direction()).isEqualTo(TopicTrend.Direction.STEADY);
    }

    @Test
    void chineseFeedbackWithTheProductGivenOrNamedWeeklyInTheHostsZone() {
        FeedbackTopics weekly = FeedbackTopics.builder().zone(SHANGHAI).granularity(Granularity.WEEK)
                .entities(CrmEntities.builder().products(List.of("小米手环8")).build()).build();
        // 2026-03-01 is a Sunday: 23:30 on Sunday in Shanghai is still that week, in UTC it is 15:30
        Instant sundayNight = LocalDate.of(2026, 3, 1).atTime(23, 30).atZone(SHANGHAI).toInstant();
        TopicReport r = weekly.of(List.of(
                FeedbackText.of("小米手环8的屏幕很清楚，续航很好 😀", sundayNight),
                new FeedbackText("物流太慢了，包装也破了", sundayNight.plusSeconds(3600), Optional.of("九阳豆浆机")),
                FeedbackText.of("   ", sundayNight)));
        assertThat(r.texts()).isEqualTo(2);
        assertThat(r.periods()).extracting(PeriodTopics::start).containsExactly(LocalDate.of(2026, 2, 23), LocalDate.of(2026, 3, 2));
        assertThat(r.byProduct()).containsOnlyKeys("小米手环8", "九阳豆浆机");
        assertThat(r.byProduct().get("九阳豆浆机")).isNotEmpty();
    }

    @Test
    void noTextsGiveAnEmptyReportAndBadSettingsAreRefusedTogether() {
        TopicReport empty = topics.of(List.of());
        assertThat(empty.texts()).isZero();
        assertThat(empty.overall()).isEmpty();
        assertThat(empty.periods()).isEmpty();
        assertThat(empty.trends()).isEmpty();

        assertThatThrownBy(() -> FeedbackTopics.builder().top(0).perText(21).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.hasViolation("top")).isTrue();
                    assertThat(e.hasViolation("perText")).isTrue();
                });
        assertThatThrownBy(() -> topics.of(List.of(FeedbackText.of("x".repeat(TextAnalyzer.MAX_LENGTH + 1), day(1, 1)))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("text")).isTrue());
    }

    private static TopicTrend trend(TopicReport r, String topic) {
        return r.trends().stream().filter(t -> t.topic().equals(topic)).findFirst().orElseThrow();
    }
}
