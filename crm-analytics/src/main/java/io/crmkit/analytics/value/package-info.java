/**
 * Customer value from purchases: per-customer totals, RFM scores and segments, the Pareto (80/20)
 * concentration of revenue, and retention by cohort of first-purchase month.
 *
 * <pre>{@code
 * CustomerValueAnalytics values = CustomerValueAnalytics.of(crm);
 * List<CustomerValue> customers = values.customers(PurchaseQuery.all());
 * List<RfmScore> rfm = RfmScore.score(customers, clock.instant());
 * Pareto pareto = Pareto.of(customers);
 * }</pre>
 */
@NullMarked
package io.crmkit.analytics.value;

import org.jspecify.annotations.NullMarked;
