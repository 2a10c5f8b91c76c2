package io.crmkit.analytics.text;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The features a trained model sees, from the words of a text per clause: for Latin words, unigrams and
 * bigrams with negated words marked ({@code "not good"} gives {@code !good}, up to {@code negationScope}
 * words after the negator); for Chinese, character unigrams, bigrams and trigrams within a clause, and
 * optionally the words themselves and word bigrams (prefixed {@code w:}), which pay off with a real
 * segmenter such as HanLP; and optionally the built-in lexicon's verdict on the whole text ({@code lex:+},
 * {@code lex:-}, and {@code lex:++} / {@code lex:--} when its sum is 2 or more), which lets a model trained on
 * a few hundred texts use sentiment words it never saw.
 */
final class Features {
    /** How many words after a negator are marked as negated (within the clause), by default. */
    static final int NEGATION_SCOPE = 3;

    private final int negationScope;
    private final boolean hanWords;
    private final boolean lexicon;

    Features(int negationScope, boolean hanWords, boolean lexicon) {
        this.negationScope = negationScope;
        this.hanWords = hanWords;
        this.lexicon = lexicon;
    }

    /** What {@link NaiveBayesSentiment} reads: negation scope 3, character n-grams only, no lexicon feature. */
    static final Features STANDARD = new Features(NEGATION_SCOPE, false, false);

    int negationScope() {
        return negationScope;
    }

    boolean hanWords() {
        return hanWords;
    }

    boolean lexicon() {
        return lexicon;
    }

    Set<String> of(List<List<String>> clauses) {
        Set<String> out = new LinkedHashSet<>();
        if (lexicon) {
            double total = LexiconSentiment.builtIn().total(clauses);
            if (total != 0) {
                out.add(total > 0 ? "lex:+" : "lex:-");
                if (Math.abs(total) >= 2) {
                    out.add(total > 0 ? "lex:++" : "lex:--");
                }
            }
        }
        for (List<String> clause : clauses) {
            int negated = 0;
            String previous = "<s>";
            String previousHan = "<s>";
            StringBuilder han = new StringBuilder();
            for (String w : clause) {
                if (Tokenizer.isHan(w.codePointAt(0))) {
                    han.append(w);
                    if (hanWords) {
                        out.add("w:" + w);
                        out.add("w:" + previousHan + " " + w);
                        previousHan = w;
                    }
                    continue;
                }
                previousHan = "<s>";
                flushHan(han, out);
                String word = negated > 0 ? "!" + w : w;
                if (negated > 0) {
                    negated--;
                }
                out.add(word);
                out.add(previous + " " + word);
                previous = word;
                if (isNegator(w)) {
                    negated = negationScope;
                }
            }
            flushHan(han, out);
            out.add(previous + " </s>");
        }
        return out;
    }

    private static void flushHan(StringBuilder han, Set<String> out) {
        if (han.length() == 0) {
            return;
        }
        String s = han.toString();
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            String c = new String(cps, i, 1);
            out.add(c);
            if (i + 1 < cps.length) {
                out.add(new String(cps, i, 2));
            }
            if (i + 2 < cps.length) {
                out.add(new String(cps, i, 3));
            }
        }
        han.setLength(0);
    }

    static boolean isNegator(String w) {
        return switch (w) {
            case "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "cannot", "without", "hardly" -> true;
            default -> w.endsWith("n't");
        };
    }
}
