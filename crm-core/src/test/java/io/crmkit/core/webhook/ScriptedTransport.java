package io.crmkit.core.webhook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A transport that records every request and answers from a script (then with the fallback), allowing the hosts
 * the tests register without looking them up.
 */
final class ScriptedTransport implements WebhookTransport {
    static final AddressGuard GUARD = AddressGuard.builder().allowHost("erp.example.com").allowHost("oa.example.com")
            .build();

    private final Deque<Function<WebhookRequest, WebhookResponse>> script = new ArrayDeque<>();
    private final List<WebhookRequest> requests = new ArrayList<>();
    private Function<WebhookRequest, WebhookResponse> fallback = r -> WebhookResponse.answered(200, null);

    synchronized ScriptedTransport then(WebhookResponse response) {
        script.add(r -> response);
        return this;
    }

    synchronized ScriptedTransport thenThrow(RuntimeException e) {
        script.add(r -> {
            throw e;
        });
        return this;
    }

    synchronized ScriptedTransport always(WebhookResponse response) {
        fallback = r -> response;
        return this;
    }

    synchronized List<WebhookRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized WebhookResponse send(WebhookRequest request) {
        requests.add(request);
        Function<WebhookRequest, WebhookResponse> next = script.isEmpty() ? fallback : script.poll();
        return next.apply(request);
    }

    @Override
    public AddressGuard guard() {
        return GUARD;
    }
}
