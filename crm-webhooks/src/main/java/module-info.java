/**
 * crmkit's HTTP webhook transport: {@link io.crmkit.webhooks.OkHttpWebhookTransport} posts Standard Webhooks
 * requests through OkHttp.
 */
module io.crmkit.webhooks {
    requires transitive io.crmkit.core; // WebhookTransport, AddressGuard in the API
    requires transitive okhttp3;        // the host's OkHttpClient, an escape hatch
    requires tools.jackson.core;
    requires static org.jspecify;

    exports io.crmkit.webhooks;
}
