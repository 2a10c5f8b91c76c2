/** Contract suites every crmkit storage or channel adapter passes, test data builders and a recording channel. */
module io.crmkit.testkit {
    requires transitive io.crmkit.core;
    requires static org.jspecify;
    requires org.junit.jupiter.api;
    requires org.assertj.core;

    exports io.crmkit.testkit;
}
