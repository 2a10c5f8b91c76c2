package io.crmkit.analytics.prediction;

/**
 * What a model expects of one customer.
 *
 * @param customer          the customer's history
 * @param expectedPurchases expected purchases in the horizon asked for
 * @param probabilityAlive  probability that the customer is still active
 */
public record Prediction(CustomerSummary customer, double expectedPurchases, double probabilityAlive) {
}
