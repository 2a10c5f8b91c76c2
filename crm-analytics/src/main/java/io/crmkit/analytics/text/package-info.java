/**
 * Feedback text: analysis into words and entities, sentiment (positive or negative with a score), CRM
 * entities and key phrases, for interaction notes, survey comments and case text, in English and Chinese.
 *
 * <p>Start from {@link io.crmkit.analytics.text.TextAnalyzer}: the SPI that splits a text into
 * {@link io.crmkit.analytics.text.Token}s (with spans and part of speech) and backend entities.
 * {@link io.crmkit.analytics.text.TextAnalyzer#create()} is the built-in, dependency-free backend (Chinese by
 * forward maximum matching on a built-in dictionary, coarse tags); the optional module
 * {@code crm-analytics-hanlp} adds HanLP. {@link io.crmkit.analytics.text.CrmEntities} finds order numbers,
 * phones, emails, amounts, dates and products on top of any backend.
 *
 * <p>{@link io.crmkit.analytics.text.SentimentModel#builtIn()} works out of the box from a small lexicon
 * shipped with the library; {@link io.crmkit.analytics.text.SentimentClassifier} learns from the host's own
 * labelled feedback (for example survey comments labelled by their scores, see
 * {@link io.crmkit.analytics.text.LabelledText#fromSurveyComments}) and can be saved and loaded.
 */
@NullMarked
package io.crmkit.analytics.text;

import org.jspecify.annotations.NullMarked;
