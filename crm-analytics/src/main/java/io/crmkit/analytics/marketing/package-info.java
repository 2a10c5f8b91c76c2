/**
 * Statistics for campaigns: a deterministic split of members into A/B variants ({@link
 * io.crmkit.analytics.marketing.Variants}), results per variant, the two-proportion z-test of two variants' response
 * rates ({@link io.crmkit.analytics.marketing.ProportionTest}) and the members a variant needs to show a given effect
 * ({@link io.crmkit.analytics.marketing.SampleSize}), and the customers of RFM segments as a list for
 * {@code crm.campaigns().addMembers(...)} ({@link io.crmkit.analytics.marketing.RfmMembers}). The normal distribution
 * comes from commons-math3, which crm-core does not depend on.
 */
@NullMarked
package io.crmkit.analytics.marketing;

import org.jspecify.annotations.NullMarked;
