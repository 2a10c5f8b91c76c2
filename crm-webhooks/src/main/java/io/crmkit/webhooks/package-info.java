/**
 * crmkit's HTTP webhook transport: {@link io.crmkit.webhooks.OkHttpWebhookTransport} posts each delivery as a
 * Standard Webhooks request (a JSON body, {@code webhook-id}, {@code webhook-timestamp} and
 * {@code webhook-signature} headers) through OkHttp, refusing at connect time every address the
 * {@link io.crmkit.core.webhook.AddressGuard} refuses.
 */
@NullMarked
package io.crmkit.webhooks;

import org.jspecify.annotations.NullMarked;
