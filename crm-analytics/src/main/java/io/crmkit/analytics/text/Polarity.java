package io.crmkit.analytics.text;

/** Which way a text leans. */
public enum Polarity {
    POSITIVE,
    NEGATIVE,
    /** No evidence either way: the built-in lexicon found no sentiment word. */
    NEUTRAL
}
