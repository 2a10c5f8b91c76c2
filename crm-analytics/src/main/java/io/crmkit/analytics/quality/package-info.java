/**
 * Data quality: how complete, reachable, fresh and free of duplicates the customer records are.
 * {@link io.crmkit.analytics.quality.DataQuality#assess} reads the customers once (streamed, counters only), the
 * messages that failed, and the duplicate candidates, and gives a {@link io.crmkit.analytics.quality.DataQualityReport};
 * {@code AnalyticsReport.builder(crm).dataQuality(...)} puts it into the HTML and text reports.
 */
@NullMarked
package io.crmkit.analytics.quality;

import org.jspecify.annotations.NullMarked;
