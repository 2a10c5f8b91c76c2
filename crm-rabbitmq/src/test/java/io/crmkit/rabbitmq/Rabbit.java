package io.crmkit.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import java.util.UUID;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The test broker: {@code CRM_TEST_RABBITMQ_URL}, an AMQP URI; tests skip without it. */
final class Rabbit {
    static final String URL_VARIABLE = "CRM_TEST_RABBITMQ_URL";

    private Rabbit() {
    }

    static String url() {
        String url = System.getenv(URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), URL_VARIABLE + " is not set: skipped. Start RabbitMQ and set it, such as"
                + " CRM_TEST_RABBITMQ_URL='amqp://guest:guest@127.0.0.1:5672/%2F' (.ci/run does both)");
        return url;
    }

    static ConnectionFactory factory(String url) {
        ConnectionFactory f = new ConnectionFactory();
        try {
            f.setUri(url);
        } catch (Exception e) {
            throw new IllegalArgumentException(URL_VARIABLE + " is no AMQP URI", e);
        }
        f.setNetworkRecoveryInterval(200); // a broker restart in a test is back within seconds
        f.setConnectionTimeout(5_000);
        return f;
    }

    /** A name for this test run's exchange and queue, so parallel runs never share one. */
    static String uniqueName(String what) {
        return "crm-test-" + what + "-" + UUID.randomUUID();
    }
}
