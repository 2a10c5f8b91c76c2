/**
 * Webhooks: the CRM's events posted to the host's other systems (an ERP, an OA system) as signed HTTP requests.
 * Start at {@link io.crmkit.core.webhook.WebhookService} ({@code crm.webhooks()}): register a
 * {@link io.crmkit.core.webhook.WebhookEndpoint} with a URL, the event types it wants and a
 * {@link io.crmkit.core.webhook.WebhookSecret}; relay the event outbox to its sink; each event becomes one durable
 * {@link io.crmkit.core.webhook.WebhookDelivery} per endpoint, attempted on the
 * {@link io.crmkit.core.webhook.WebhookSettings} schedule through a {@link io.crmkit.core.webhook.WebhookTransport}
 * (crm-webhooks has the HTTP one), every attempt in the log ({@link io.crmkit.core.webhook.WebhookAttempt}).
 * Requests follow the Standard Webhooks scheme ({@link io.crmkit.core.webhook.WebhookSignature}); the
 * {@link io.crmkit.core.webhook.AddressGuard} keeps them away from internal addresses the host did not allow.
 */
@NullMarked
package io.crmkit.core.webhook;

import org.jspecify.annotations.NullMarked;
