/**
 * Analytics for crmkit: satisfaction metrics ({@link io.crmkit.analytics.satisfaction}), customer value
 * ({@link io.crmkit.analytics.value}), purchase prediction ({@link io.crmkit.analytics.prediction}),
 * feedback text ({@link io.crmkit.analytics.text}) and reports ({@link io.crmkit.analytics.report}).
 * Everything reads through the services of a {@link io.crmkit.core.Crm}, page by page, so it works on
 * every storage.
 */
@NullMarked
package io.crmkit.analytics;

import org.jspecify.annotations.NullMarked;
