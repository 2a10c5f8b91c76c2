package io.crmkit.analytics.text;

/**
 * A phrase that stands out in feedback.
 *
 * @param phrase    the phrase, lower-cased; Chinese without spaces
 * @param documents in how many of the texts it occurs
 * @param score     how much it stands out: occurrences weighted by length; higher is more salient
 */
public record KeyPhrase(String phrase, int documents, double score) {
}
