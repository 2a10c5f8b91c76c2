package io.crmkit.analytics.text;

import io.crmkit.core.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Extracts key phrases from feedback. Candidates are runs of content words within a clause (no stop word,
 * no punctuation): one to three English words, or one to four Chinese words of two to six characters
 * in all, Chinese segmented by the {@link Tokenizer}. Candidates are ranked by occurrences, longer
 * ones weighing more; a phrase overlapping a better-ranked one that occurs about as often is dropped.
 * Works on one text or a whole corpus (what do customers talk about?). Immutable and thread-safe.
 */
public final class KeyPhrases {
    private static final KeyPhrases STANDARD = new KeyPhrases(new BuiltInTextAnalyzer(),
            Set.copyOf(Tokenizer.readResource("stopwords.txt")));

    private final TextAnalyzer analyzer;
    private final Set<String> stopwords;

    private KeyPhrases(TextAnalyzer analyzer, Set<String> stopwords) {
        this.analyzer = analyzer;
        this.stopwords = stopwords;
    }

    /** Key phrases with the standard tokenizer and the built-in English and Chinese stop words. */
    public static KeyPhrases standard() {
        return STANDARD;
    }

    /** The same extraction with another tokenizer, for example one that knows the host's product names. */
    public static KeyPhrases with(Tokenizer tokenizer) {
        return new KeyPhrases(new BuiltInTextAnalyzer(Objects.requireNonNull(tokenizer, "tokenizer")), STANDARD.stopwords);
    }

    /** The same extraction on the words of another analyzer, such as HanLP's, or one that knows the host's products. */
    public static KeyPhrases with(TextAnalyzer analyzer) {
        return new KeyPhrases(Objects.requireNonNull(analyzer, "analyzer"), STANDARD.stopwords);
    }

    /** The key phrases of one text, best first, at most {@code limit}. */
    public List<KeyPhrase> of(String text, int limit) {
        return of(List.of(Objects.requireNonNull(text, "text")), limit);
    }

    /** The key phrases across texts, best first, at most {@code limit}. */
    public List<KeyPhrase> of(Collection<String> texts, int limit) {
        Objects.requireNonNull(texts, "texts");
        checkLimit(limit);
        Map<String, int[]> counts = count(texts);
        List<KeyPhrase> ranked = new ArrayList<>();
        counts.forEach((phrase, c) -> ranked.add(new KeyPhrase(phrase, c[0], c[1] * weight(phrase))));
        return best(ranked, limit);
    }

    /**
     * The phrases that set {@code texts} apart from {@code background}: frequent in the texts and rarer in
     * the background (for example the complaints among all feedback). The score is the number of texts
     * with the phrase times the log ratio of its smoothed document shares.
     */
    public List<KeyPhrase> distinctive(Collection<String> texts, Collection<String> background, int limit) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(background, "background");
        checkLimit(limit);
        Map<String, int[]> target = count(texts);
        Map<String, int[]> base = count(background);
        double nt = Math.max(1, texts.size());
        double nb = Math.max(1, background.size());
        List<KeyPhrase> ranked = new ArrayList<>();
        target.forEach((phrase, c) -> {
            int inBase = base.containsKey(phrase) ? base.get(phrase)[0] : 0;
            double lift = Math.log(((c[0] + 0.5) / (nt + 1)) / ((inBase + 0.5) / (nb + 1)));
            if (lift > 0 && c[0] > 1) {
                ranked.add(new KeyPhrase(phrase, c[0], c[0] * lift * weight(phrase)));
            }
        });
        return best(ranked, limit);
    }

    /** Per phrase: documents containing it, and occurrences. */
    private Map<String, int[]> count(Collection<String> texts) {
        Map<String, int[]> counts = new HashMap<>();
        for (String text : texts) {
            Set<String> seen = new HashSet<>();
            for (List<String> clause : analyzer.words(Objects.requireNonNull(text, "text"))) {
                for (int i = 0; i < clause.size(); i++) {
                    String first = clause.get(i);
                    if (!isContent(first)) {
                        continue;
                    }
                    boolean han = Tokenizer.isHan(first.codePointAt(0));
                    StringBuilder phrase = new StringBuilder();
                    for (int n = 1; n <= (han ? 4 : 3) && i + n <= clause.size(); n++) {
                        String last = clause.get(i + n - 1);
                        if (Tokenizer.isHan(last.codePointAt(0)) != han || !isContent(last)) {
                            break;
                        }
                        if (n > 1 && !han) {
                            phrase.append(' ');
                        }
                        phrase.append(last);
                        int length = phrase.codePointCount(0, phrase.length());
                        if (han && length > 6) {
                            break;
                        }
                        if (length >= 2) {
                            add(phrase.toString(), counts, seen);
                        }
                    }
                }
            }
        }
        return counts;
    }

    private static void add(String phrase, Map<String, int[]> counts, Set<String> seen) {
        int[] c = counts.computeIfAbsent(phrase, k -> new int[2]);
        if (seen.add(phrase)) {
            c[0]++;
        }
        c[1]++;
    }

    private static double weight(String phrase) {
        if (Tokenizer.isHan(phrase.codePointAt(0))) {
            return 1 + 0.25 * (phrase.codePointCount(0, phrase.length()) - 2);
        }
        return 1 + 0.5 * (phrase.split(" ").length - 1);
    }

    private static List<KeyPhrase> best(List<KeyPhrase> ranked, int limit) {
        ranked.sort((x, y) -> x.score() != y.score() ? Double.compare(y.score(), x.score())
                : x.documents() != y.documents() ? Integer.compare(y.documents(), x.documents())
                : x.phrase().compareTo(y.phrase()));
        List<KeyPhrase> kept = new ArrayList<>();
        for (KeyPhrase p : ranked) {
            if (kept.size() >= limit) {
                break;
            }
            boolean covered = false;
            for (KeyPhrase k : kept) {
                if ((k.phrase().contains(p.phrase()) || p.phrase().contains(k.phrase()))
                        && k.documents() >= 0.8 * p.documents()) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                kept.add(p);
            }
        }
        return List.copyOf(kept);
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw ValidationException.of("limit", "range", "must be 0 or more but was " + limit);
        }
    }

    private boolean isContent(String word) {
        return !stopwords.contains(word) && !word.chars().allMatch(Character::isDigit);
    }

}
