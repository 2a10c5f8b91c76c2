/**
 * Satisfaction metrics over survey responses: count, mean, exact median, standard deviation and the
 * confidence interval of the mean per score scale; CSAT, NPS and CES; trends per week or month; and
 * the comparison of two slices.
 *
 * <p>Scores are small integers, so everything is computed from counts per score: constant memory,
 * however many responses. {@link io.crmkit.analytics.satisfaction.SatisfactionAnalytics} streams
 * responses from storage page by page; {@link io.crmkit.analytics.satisfaction.ScoreCounter} takes
 * scores directly.
 */
@NullMarked
package io.crmkit.analytics.satisfaction;

import org.jspecify.annotations.NullMarked;
