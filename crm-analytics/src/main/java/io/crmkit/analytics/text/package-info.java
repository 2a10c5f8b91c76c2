/**
 * Feedback text: tokenisation of English and Chinese, sentiment (positive or negative with a score) and
 * key phrases, for interaction notes, survey comments and case text.
 *
 * <p>{@link io.crmkit.analytics.text.SentimentModel#builtIn()} works out of the box from a small lexicon
 * shipped with the library; {@link io.crmkit.analytics.text.NaiveBayesSentiment#train} learns from the
 * host's own labelled feedback (for example survey comments labelled by their scores, see
 * {@link io.crmkit.analytics.text.LabelledText#fromSurveyComments}). No external NLP library is used:
 * Chinese is segmented by forward maximum matching on a built-in dictionary and classified on character
 * n-grams.
 */
@NullMarked
package io.crmkit.analytics.text;

import org.jspecify.annotations.NullMarked;
