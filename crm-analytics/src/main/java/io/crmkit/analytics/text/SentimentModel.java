package io.crmkit.analytics.text;

import java.util.Collection;

/**
 * Tells whether a text is positive or negative. Implementations are immutable and thread-safe.
 */
public interface SentimentModel {
    /** The sentiment of one text. */
    Sentiment analyze(String text);

    /** The built-in model: a lexicon of English and Chinese sentiment words with negation and intensifiers. */
    static SentimentModel builtIn() {
        return LexiconSentiment.builtIn();
    }

    /** Classifies every text and counts the hits. */
    default Evaluation evaluate(Collection<LabelledText> texts) {
        int tp = 0;
        int tn = 0;
        int fp = 0;
        int fn = 0;
        int neutral = 0;
        for (LabelledText t : texts) {
            Polarity p = analyze(t.text()).polarity();
            if (p == Polarity.NEUTRAL) {
                neutral++;
            }
            if (t.positive()) {
                if (p == Polarity.POSITIVE) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (p == Polarity.NEGATIVE) {
                tn++;
            } else {
                fp++;
            }
        }
        return new Evaluation(tp, tn, fp, fn, neutral);
    }
}
