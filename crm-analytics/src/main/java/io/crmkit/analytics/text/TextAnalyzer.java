package io.crmkit.analytics.text;

import io.crmkit.core.ValidationException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Splits a text into words (with their part of speech where the backend has it) and the entities the
 * backend recognises, each with its span in the original text. The sentiment models ({@link SentimentClassifier},
 * {@link NaiveBayesSentiment}) and {@link KeyPhrases} read any analyzer's words; {@link CrmEntities} adds
 * order numbers, phones, emails, amounts, dates and product names on top of any backend.
 *
 * <p>Two backends:
 * <ul>
 *   <li>{@link #create()}: the built-in one, no dependency. Latin words split at anything that is not a letter,
 *       digit or inner apostrophe and lower-cased; Chinese segmented by forward maximum matching on a built-in
 *       dictionary (about 1,000 common and sentiment words) plus the custom words. Part of speech is coarse:
 *       {@link Token#NUMBER}, {@link Token#LATIN} or {@link Token#HAN} only. No named entities.</li>
 *   <li>{@code HanLpTextAnalyzer} in the optional module {@code crm-analytics-hanlp}: HanLP's segmentation,
 *       PKU part-of-speech tags, and persons, places and organisations for Chinese text.</li>
 * </ul>
 *
 * <p>Implementations are thread-safe: {@link #addWords} may run while other threads analyse; an analysis
 * sees the words added before it started, or also some added during it. Texts longer than
 * {@link #MAX_LENGTH} chars are rejected.
 */
public interface TextAnalyzer {
    /** The longest text analysed, in chars (UTF-16 units): 1 MiB. */
    int MAX_LENGTH = 1 << 20;

    /**
     * Analyses one text.
     *
     * @throws ValidationException naming field {@code text}, code {@code too_long}, for more than {@link #MAX_LENGTH} chars
     */
    Analysis analyze(String text);

    /**
     * Adds words the segmenter must keep whole, such as product and brand names ("小米手环", "鑫淼酒店"). Takes
     * effect for the analyses that start afterwards, on this analyzer only (see the backend's notes).
     *
     * @throws ValidationException naming field {@code word} for a blank word or one longer than 64 chars
     */
    void addWords(Collection<String> words);

    /** The custom words added so far, as given (stripped). */
    Set<String> customWords();

    /**
     * A short name of the backend and its version of segmentation, written into saved models
     * ({@code builtin}, {@code hanlp}).
     */
    String name();

    /** The words per clause (what the sentiment and key-phrase models read). */
    default List<List<String>> words(String text) {
        return analyze(text).words();
    }

    /** A new built-in analyzer with its own, empty set of custom words. */
    static TextAnalyzer create() {
        return new BuiltInTextAnalyzer();
    }

    /**
     * Checks a text before analysis: present and at most {@link #MAX_LENGTH} chars. For implementations.
     *
     * @return the text
     */
    static String checkText(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw ValidationException.of("text", "too_long", "must be at most " + MAX_LENGTH + " chars but was "
                    + text.length());
        }
        return text;
    }

    /**
     * Checks custom words: each non-blank and at most 64 chars once stripped. For implementations.
     *
     * @return the words, stripped, in order
     */
    static List<String> checkWords(Collection<String> words) {
        return Names.check(words, "word", 64);
    }
}
