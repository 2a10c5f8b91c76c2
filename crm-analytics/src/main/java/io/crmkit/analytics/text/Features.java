package io.crmkit.analytics.text;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The features a trained model sees: for Latin words, unigrams and bigrams with negated words marked
 * ({@code "not good"} gives {@code !good}, up to three words after the negator); for Chinese, character unigrams, bigrams and trigrams within a clause.
 */
final class Features {
    /** How many words after a negator are marked as negated (within the clause). */
    private static final int NEGATION_SCOPE = 3;

    private Features() {
    }

    static Set<String> of(String text, Tokenizer tokenizer) {
        Set<String> out = new LinkedHashSet<>();
        for (List<String> clause : tokenizer.clauses(text)) {
            int negated = 0;
            String previous = "<s>";
            StringBuilder han = new StringBuilder();
            for (String w : clause) {
                if (Tokenizer.isHan(w.codePointAt(0))) {
                    han.append(w);
                    continue;
                }
                flushHan(han, out);
                String word = negated > 0 ? "!" + w : w;
                if (negated > 0) {
                    negated--;
                }
                out.add(word);
                out.add(previous + " " + word);
                previous = word;
                if (isNegator(w)) {
                    negated = NEGATION_SCOPE;
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
