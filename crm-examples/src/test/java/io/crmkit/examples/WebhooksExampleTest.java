package io.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebhooksExampleTest {
    @Test
    void theErpReceivesEachCustomerEventSignedAndTheFailedOneAgain() throws Exception {
        List<String> lines = WebhooksExample.run();

        List<String> received = lines.stream().filter(l -> l.startsWith("ERP got")).toList();
        assertThat(received).hasSize(3).allSatisfy(l -> assertThat(l).contains("signature valid"));
        assertThat(received.get(0)).contains("\"type\":\"customer.created\"").endsWith("answered 503");
        assertThat(received.get(1)).contains("\"type\":\"customer.updated\"", "\"changedFields\":[\"tags\"]")
                .endsWith("answered 204");
        assertThat(received.get(2)).contains("\"type\":\"customer.created\"").endsWith("answered 204");
        assertThat(lines.stream().filter(l -> l.startsWith("attempt")).toList()).containsExactly(
                "attempt 1: HTTP 503 -> PENDING", "attempt 1: HTTP 204 -> SUCCEEDED", "attempt 2: HTTP 204 -> SUCCEEDED");
    }
}
