/**
 * Feedback intake: a customer's comment, email or chat text analysed (sentiment, CRM entities), kept on the
 * customer's timeline with its analysis, and turned into a service case when it is negative or names an order.
 * Start from {@link io.crmkit.analytics.feedback.FeedbackIntake}.
 */
@NullMarked
package io.crmkit.analytics.feedback;

import org.jspecify.annotations.NullMarked;
