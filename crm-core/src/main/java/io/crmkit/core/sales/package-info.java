/**
 * The sales pipeline: {@link io.crmkit.core.sales.Opportunity opportunities} (possible sales to a customer, with an
 * amount, a currency and an expected close date) moving through the ordered {@link io.crmkit.core.sales.Stage
 * stages} of a {@link io.crmkit.core.sales.Pipeline}, and the {@link io.crmkit.core.sales.Forecast forecast} that
 * weighs each amount by its stage's probability.
 *
 * <p>Start from {@link io.crmkit.core.sales.OpportunityService} ({@code crm.opportunities()}): {@code create} with a
 * {@link io.crmkit.core.sales.NewOpportunity}, {@code moveTo} a stage (every move is kept in the stage history),
 * {@code search} with an {@link io.crmkit.core.sales.OpportunityQuery}, {@code forecast} with a
 * {@link io.crmkit.core.sales.ForecastQuery}. Pipelines are configuration ({@link io.crmkit.core.sales.SalesSettings},
 * {@link io.crmkit.core.sales.Pipeline#DEFAULT} unless the host sets others); opportunities store the codes of their
 * pipeline and stage. Opportunities are owned records: their owner and department decide who sees them.
 */
@NullMarked
package io.crmkit.core.sales;

import org.jspecify.annotations.NullMarked;
