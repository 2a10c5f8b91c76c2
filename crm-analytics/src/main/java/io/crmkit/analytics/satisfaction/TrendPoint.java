package io.crmkit.analytics.satisfaction;

import java.time.LocalDate;

/**
 * One period of a {@link Trend}.
 *
 * @param start        first day of the period
 * @param index        whole periods since the trend's first period; the regression's x
 * @param distribution the responses in the period
 */
public record TrendPoint(LocalDate start, long index, ScoreDistribution distribution) {
}
