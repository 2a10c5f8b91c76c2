package io.crmkit.analytics.text;

import io.crmkit.core.ValidationException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A sentiment model learnt from labelled texts: binarised multinomial naive Bayes on word unigrams and
 * bigrams (English, with negation marking) and character unigrams, bigrams and trigrams (Chinese). Train it on
 * the host's own feedback for the best accuracy in its domain. Immutable and thread-safe.
 * {@link SentimentClassifier} is usually more accurate and can be saved and loaded.
 *
 * <pre>{@code
 * SentimentModel model = NaiveBayesSentiment.train(LabelledText.fromSurveyComments(crm, SurveyQuery.all()));
 * Sentiment s = model.analyze("服务很周到");
 * }</pre>
 */
public final class NaiveBayesSentiment implements SentimentModel {
    /** The default additive smoothing. */
    public static final double DEFAULT_SMOOTHING = 0.25;

    private final TextAnalyzer analyzer;
    private final Map<String, double[]> logLikelihoods;
    private final double[] logPriors;
    private final int documents;

    private NaiveBayesSentiment(TextAnalyzer analyzer, Map<String, double[]> logLikelihoods, double[] logPriors,
                                int documents) {
        this.analyzer = analyzer;
        this.logLikelihoods = logLikelihoods;
        this.logPriors = logPriors;
        this.documents = documents;
    }

    /** Trains with the standard tokenizer and default smoothing. */
    public static NaiveBayesSentiment train(Collection<LabelledText> texts) {
        return train(texts, Tokenizer.standard(), DEFAULT_SMOOTHING);
    }

    /**
     * Trains on labelled texts.
     *
     * @param smoothing additive (Lidstone) smoothing of feature counts, positive
     * @throws ValidationException if there is not at least one positive and one negative text
     */
    public static NaiveBayesSentiment train(Collection<LabelledText> texts, Tokenizer tokenizer, double smoothing) {
        return train(texts, new BuiltInTextAnalyzer(Objects.requireNonNull(tokenizer, "tokenizer")), smoothing);
    }

    /**
     * Trains on labelled texts split into words by {@code analyzer} (the built-in one, or HanLP's).
     *
     * @param smoothing additive (Lidstone) smoothing of feature counts, positive
     * @throws ValidationException if there is not at least one positive and one negative text
     */
    public static NaiveBayesSentiment train(Collection<LabelledText> texts, TextAnalyzer analyzer, double smoothing) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(analyzer, "analyzer");
        if (!(smoothing > 0)) {
            throw ValidationException.of("smoothing", "range", "must be positive but was " + smoothing);
        }
        Map<String, long[]> counts = new HashMap<>();
        long[] docs = new long[2];
        long[] total = new long[2];
        for (LabelledText t : texts) {
            int c = t.positive() ? 1 : 0;
            docs[c]++;
            for (String f : Features.STANDARD.of(analyzer.words(t.text()))) {
                counts.computeIfAbsent(f, k -> new long[2])[c]++;
                total[c]++;
            }
        }
        if (docs[0] == 0 || docs[1] == 0) {
            throw ValidationException.of("texts", "one_class", "training needs positive and negative texts but had "
                    + docs[1] + " positive and " + docs[0] + " negative");
        }
        int vocabulary = counts.size();
        double[] denominators = {
                Math.log(total[0] + smoothing * vocabulary), Math.log(total[1] + smoothing * vocabulary)};
        Map<String, double[]> ll = new HashMap<>(counts.size() * 2);
        counts.forEach((f, n) -> ll.put(f, new double[] {
                Math.log(n[0] + smoothing) - denominators[0], Math.log(n[1] + smoothing) - denominators[1]}));
        double all = docs[0] + docs[1];
        return new NaiveBayesSentiment(analyzer, ll, new double[] {Math.log(docs[0] / all), Math.log(docs[1] / all)},
                (int) all);
    }

    /** The probability that the text is positive; features never seen in training are ignored. */
    public double probabilityPositive(String text) {
        double neg = logPriors[0];
        double pos = logPriors[1];
        Set<String> features = Features.STANDARD.of(analyzer.words(Objects.requireNonNull(text, "text")));
        for (String f : features) {
            double[] l = logLikelihoods.get(f);
            if (l != null) {
                neg += l[0];
                pos += l[1];
            }
        }
        return 1 / (1 + Math.exp(neg - pos));
    }

    /** Positive when the probability of positive is above one half; the score is {@code 2p - 1}. */
    @Override
    public Sentiment analyze(String text) {
        double p = probabilityPositive(text);
        double score = 2 * p - 1;
        if (score == 0) {
            return new Sentiment(Polarity.NEUTRAL, 0);
        }
        return Sentiment.ofScore(score);
    }

    /** Distinct features learnt. */
    public int vocabularySize() {
        return logLikelihoods.size();
    }

    /** Texts it was trained on. */
    public int trainingSize() {
        return documents;
    }
}
