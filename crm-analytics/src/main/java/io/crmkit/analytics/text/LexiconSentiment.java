package io.crmkit.analytics.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in sentiment model: sums the weights of sentiment words from an English and Chinese lexicon
 * written for the library (about 250 words each) and, for English words it lacks, the VADER lexicon, flipping words after a negator ("not", "不", "没有") and scaling
 * words after an intensifier ("very", "很") within the clause; words after a contrast ("but", "但是")
 * weigh more. Works without training; a model trained on the host's own feedback is more accurate.
 */
final class LexiconSentiment implements SentimentModel {
    /** Unpacked into the jar at build time (crm-analytics' pom): word, tab, mean rating -4..4, tab, more. */
    private static final String VADER = "vader_sentiment_lexicon.txt";
    private static final Pattern VADER_WORD = Pattern.compile("[a-z][a-z'-]*");
    private static final double VADER_SCALE = 0.5;
    // after the constants load() reads
    private static final LexiconSentiment BUILT_IN = new LexiconSentiment(load(), Tokenizer.standard());

    private static final Set<String> NEGATORS = Set.of(
            "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "cannot", "without", "hardly",
            "不", "没", "没有", "无", "未", "别", "不是", "不会", "不能", "不太", "并不", "从不", "毫无", "不够");
    private static final Map<String, Double> INTENSIFIERS = Map.ofEntries(
            Map.entry("very", 1.5), Map.entry("really", 1.4), Map.entry("so", 1.3), Map.entry("extremely", 1.8),
            Map.entry("absolutely", 1.6), Map.entry("totally", 1.5), Map.entry("completely", 1.5),
            Map.entry("quite", 1.2), Map.entry("too", 1.3), Map.entry("most", 1.5), Map.entry("highly", 1.5),
            Map.entry("pretty", 1.1), Map.entry("somewhat", 0.6), Map.entry("slightly", 0.5),
            Map.entry("a", 1.0), Map.entry("bit", 0.6),
            Map.entry("很", 1.4), Map.entry("非常", 1.6), Map.entry("特别", 1.6), Map.entry("十分", 1.6),
            Map.entry("太", 1.5), Map.entry("最", 1.6), Map.entry("超级", 1.8), Map.entry("真", 1.3),
            Map.entry("真的", 1.3), Map.entry("相当", 1.4), Map.entry("比较", 1.1), Map.entry("挺", 1.2),
            Map.entry("蛮", 1.2), Map.entry("更", 1.2), Map.entry("实在", 1.4), Map.entry("简直", 1.5),
            Map.entry("有点", 0.6), Map.entry("有些", 0.6), Map.entry("稍微", 0.5), Map.entry("略", 0.5));
    private static final Set<String> CONTRASTS = Set.of("but", "however", "although", "though", "yet",
            "但", "但是", "不过", "可是", "然而", "就是", "只是");

    private final Map<String, Double> weights;
    private final Tokenizer tokenizer;

    private LexiconSentiment(Map<String, Double> weights, Tokenizer tokenizer) {
        this.weights = Map.copyOf(weights);
        this.tokenizer = tokenizer;
    }

    static LexiconSentiment builtIn() {
        return BUILT_IN;
    }

    @Override
    public Sentiment analyze(String text) {
        Objects.requireNonNull(text, "text");
        return Sentiment.ofScore(Math.tanh(total(tokenizer.clauses(text)) / 4));
    }

    /** The sum of the weights of the sentiment words, after negation, intensifiers and contrasts. */
    double total(List<List<String>> clauses) {
        double total = 0;
        double emphasis = 1;
        for (List<String> clause : clauses) {
            double scale = 1;
            int sinceNegator = Integer.MAX_VALUE;
            for (String word : clause) {
                if (CONTRASTS.contains(word)) {
                    total *= 0.5;
                    emphasis = 1.5;
                    continue;
                }
                if (NEGATORS.contains(word)) {
                    sinceNegator = 0;
                    continue;
                }
                Double intensity = INTENSIFIERS.get(word);
                if (intensity != null) {
                    scale *= intensity;
                    continue;
                }
                Double w = weights.get(word);
                if (w != null) {
                    double value = w * scale * emphasis;
                    if (sinceNegator <= 3) {
                        value = -0.8 * value;
                    }
                    total += value;
                    scale = 1;
                }
                if (sinceNegator != Integer.MAX_VALUE) {
                    sinceNegator++;
                }
            }
        }
        return total;
    }

    private static Map<String, Double> load() {
        Map<String, Double> weights = new HashMap<>();
        for (String file : new String[] {"lexicon-en.txt", "lexicon-zh.txt"}) {
            for (String line : Tokenizer.readResource(file)) {
                String[] parts = line.split("\\s+");
                if (parts.length == 2) {
                    weights.put(parts[0], Double.parseDouble(parts[1]));
                }
            }
        }
        // VADER's 7,500 rated English words and emoticons fill in the words ours lacks. Only words: the tokenizer
        // never yields an emoticon. Its means run from -4 to 4; half of that (chosen on inner validation splits of
        // the English training data, against 0.75 and 1) keeps its words below ours, so that ours decide.
        for (String line : Tokenizer.readResource(VADER)) {
            String[] parts = line.split("\t");
            if (parts.length >= 2 && VADER_WORD.matcher(parts[0]).matches()) {
                weights.putIfAbsent(parts[0], Double.parseDouble(parts[1]) * VADER_SCALE);
            }
        }
        return weights;
    }
}
