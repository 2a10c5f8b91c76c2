package io.crmkit.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    /** The test vector the Standard Webhooks specification publishes. */
    private static final WebhookSecret SPEC_SECRET = WebhookSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheSpecificationsTestVector() {
        assertThat(WebhookSignature.sign(SPEC_SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, SPEC_BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theHeaderHoldsOneSignaturePerSecretSpaceSeparated() {
        WebhookSecret next = WebhookSecret.generate();
        String header = WebhookSignature.header(List.of(next, SPEC_SECRET), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                SPEC_BODY);
        assertThat(header.split(" ")).containsExactly(
                WebhookSignature.sign(next, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, SPEC_BODY),
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(WebhookSignature.sign(SPEC_SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331, SPEC_BODY))
                .as("another timestamp, another signature").isNotEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThatThrownBy(() -> WebhookSignature.header(List.of(), "m", 1, SPEC_BODY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
