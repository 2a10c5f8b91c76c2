package io.crmkit.analytics.feedback;

import io.crmkit.analytics.marketing.ProportionTest;
import io.crmkit.analytics.satisfaction.Granularity;
import io.crmkit.analytics.text.CrmEntities;
import io.crmkit.analytics.text.EntityType;
import io.crmkit.analytics.text.KeyPhrase;
import io.crmkit.analytics.text.KeyPhrases;
import io.crmkit.analytics.text.Polarity;
import io.crmkit.analytics.text.SentimentModel;
import io.crmkit.core.Checks;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What customers talk about, and how that changes: each feedback text's key phrases ({@link KeyPhrases}, at most
 * {@link Builder#perText} per text) are its topics, counted overall, per period, per product (the host's product
 * names found in the text by {@link CrmEntities}, or the product given with the text) and per sentiment (by the
 * {@link SentimentModel}); the overall top topics get a trend (the last period against the earlier ones).
 *
 * <pre>{@code
 * FeedbackTopics topics = FeedbackTopics.builder().sentiment(model)
 *         .entities(CrmEntities.builder().products(List.of("小米手环8")).build()).build();
 * TopicReport report = topics.of(texts);   // or topics.accumulator(), add(...) one by one, report()
 * }</pre>
 *
 * Memory grows with the number of distinct topics and groups, not with the number of texts, so texts can be streamed
 * in. Immutable and thread-safe when its sentiment model is; an {@link Accumulator} is for one thread.
 */
public final class FeedbackTopics {
    /** The significance level below which a trend is rising or falling. */
    public static final double TREND_ALPHA = 0.05;

    private final KeyPhrases phrases;
    private final CrmEntities entities;
    private final SentimentModel sentiment;
    private final Granularity granularity;
    private final ZoneId zone;
    private final int top;
    private final int perText;

    private FeedbackTopics(Builder b) {
        this.phrases = b.phrases;
        this.entities = b.entities;
        this.sentiment = b.sentiment;
        this.granularity = b.granularity;
        this.zone = b.zone;
        this.top = b.top;
        this.perText = b.perText;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The topics of all the texts. @throws io.crmkit.core.ValidationException on a text too long to analyse */
    public TopicReport of(Iterable<FeedbackText> texts) {
        Accumulator acc = accumulator();
        for (FeedbackText t : Objects.requireNonNull(texts, "texts")) {
            acc.add(t);
        }
        return acc.report();
    }

    /** Counts texts added one at a time (a stream of survey comments, say). */
    public Accumulator accumulator() {
        return new Accumulator();
    }

    /** Texts added one at a time, then a {@link #report()}. Not thread-safe. */
    public final class Accumulator {
        private final Group overall = new Group();
        private final TreeMap<LocalDate, Group> periods = new TreeMap<>();
        private final Map<String, Group> products = new TreeMap<>();
        private final Map<Polarity, Group> sentiments = new EnumMap<>(Polarity.class);

        private Accumulator() {
        }

        /**
         * Adds one text; a blank one is not feedback and is skipped.
         *
         * @throws io.crmkit.core.ValidationException naming field {@code text} when it is too long to analyse
         */
        public Accumulator add(FeedbackText feedback) {
            Objects.requireNonNull(feedback, "feedback");
            String text = feedback.text();
            if (text.isBlank()) {
                return this;
            }
            LocalDate day = feedback.at().atZone(zone).toLocalDate();
            Set<String> topics = new LinkedHashSet<>();
            for (KeyPhrase p : phrases.of(text, perText)) {
                topics.add(p.phrase());
            }
            overall.add(topics);
            periods.computeIfAbsent(granularity.periodStart(day), d -> new Group()).add(topics);
            Set<String> about = new LinkedHashSet<>();
            feedback.product().ifPresent(about::add);
            entities.find(text, day).stream().filter(e -> e.type() == EntityType.PRODUCT).forEach(e -> about.add(e.value()));
            for (String product : about) {
                products.computeIfAbsent(product, k -> new Group()).add(topics);
            }
            sentiments.computeIfAbsent(sentiment.analyze(text).polarity(), k -> new Group()).add(topics);
            return this;
        }

        /** The report over the texts added so far. */
        public TopicReport report() {
            List<TopicCount> best = overall.top(top);
            List<PeriodTopics> timeline = new ArrayList<>();
            if (!periods.isEmpty()) {
                for (LocalDate d = periods.firstKey(); !d.isAfter(periods.lastKey()); d = granularity.next(d)) {
                    Group g = periods.getOrDefault(d, new Group());
                    timeline.add(new PeriodTopics(d, g.texts, g.top(top)));
                }
            }
            Map<String, List<TopicCount>> byProduct = new LinkedHashMap<>();
            products.forEach((name, g) -> byProduct.put(name, g.top(top)));
            Map<Polarity, List<TopicCount>> bySentiment = new EnumMap<>(Polarity.class);
            sentiments.forEach((polarity, g) -> bySentiment.put(polarity, g.top(top)));
            List<TopicTrend> trends = new ArrayList<>();
            for (TopicCount t : best) {
                trends.add(trend(t.topic(), timeline));
            }
            return new TopicReport(overall.texts, best, timeline, byProduct, bySentiment, trends);
        }

        private TopicTrend trend(String topic, List<PeriodTopics> timeline) {
            List<Integer> counts = new ArrayList<>();
            for (PeriodTopics p : timeline) {
                Group g = periods.get(p.start());
                counts.add(g == null ? 0 : g.count(topic));
            }
            int last = timeline.size() - 1;
            int lastTexts = timeline.get(last).texts();
            int lastCount = counts.get(last);
            int earlierTexts = overall.texts - lastTexts;
            int earlierCount = overall.count(topic) - lastCount;
            double lastShare = lastTexts == 0 ? 0 : (double) lastCount / lastTexts;
            double earlierShare = earlierTexts == 0 ? 0 : (double) earlierCount / earlierTexts;
            if (lastTexts == 0 || earlierTexts == 0) {
                return new TopicTrend(topic, counts, lastShare, earlierShare, 1, TopicTrend.Direction.STEADY);
            }
            double p = ProportionTest.of(earlierCount, earlierTexts, lastCount, lastTexts).pValue();
            TopicTrend.Direction direction = p >= TREND_ALPHA ? TopicTrend.Direction.STEADY
                    : lastShare > earlierShare ? TopicTrend.Direction.RISING : TopicTrend.Direction.FALLING;
            return new TopicTrend(topic, counts, lastShare, earlierShare, p, direction);
        }
    }

    /** Texts of one group and, per topic, how many of them have it. */
    private static final class Group {
        int texts;
        final Map<String, Integer> topics = new HashMap<>();

        void add(Set<String> textTopics) {
            texts++;
            for (String t : textTopics) {
                topics.merge(t, 1, Integer::sum);
            }
        }

        int count(String topic) {
            return topics.getOrDefault(topic, 0);
        }

        List<TopicCount> top(int limit) {
            return topics.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(limit).map(e -> new TopicCount(e.getKey(), e.getValue(), (double) e.getValue() / texts)).toList();
        }
    }

    /** Configures {@link FeedbackTopics}. Not thread-safe. */
    public static final class Builder {
        private KeyPhrases phrases = KeyPhrases.standard();
        private CrmEntities entities = CrmEntities.standard();
        private SentimentModel sentiment = SentimentModel.builtIn();
        private Granularity granularity = Granularity.MONTH;
        private ZoneId zone = ZoneOffset.UTC;
        private int top = 10;
        private int perText = 5;

        private Builder() {
        }

        /** The key phrase extraction (another analyzer, such as HanLP's). Default: {@link KeyPhrases#standard()}. */
        public Builder phrases(KeyPhrases phrases) {
            this.phrases = Objects.requireNonNull(phrases, "phrases");
            return this;
        }

        /** Finds the products named in a text: give it the host's product names. Default: none known. */
        public Builder entities(CrmEntities entities) {
            this.entities = Objects.requireNonNull(entities, "entities");
            return this;
        }

        /** Sorts texts into positive, negative and neutral. Default: the built-in lexicon. */
        public Builder sentiment(SentimentModel model) {
            this.sentiment = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The length of the periods. Default: months. */
        public Builder granularity(Granularity granularity) {
            this.granularity = Objects.requireNonNull(granularity, "granularity");
            return this;
        }

        /** The zone a text's time is dated in. Default: UTC. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** How many topics each list keeps, 1 to 100. Default: 10. */
        public Builder top(int count) {
            this.top = count;
            return this;
        }

        /** How many key phrases of one text count as its topics, 1 to 20. Default: 5. */
        public Builder perText(int count) {
            this.perText = count;
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every bad setting */
        public FeedbackTopics build() {
            Checks checks = new Checks();
            checks.require(top >= 1 && top <= 100, "top", "range", "must be between 1 and 100 but was " + top);
            checks.require(perText >= 1 && perText <= 20, "perText", "range", "must be between 1 and 20 but was " + perText);
            checks.throwIfAny();
            return new FeedbackTopics(this);
        }
    }
}
