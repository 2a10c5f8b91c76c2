/** crmkit's transports: email over SMTP (Jakarta Mail / Angus), SMS and voice calls over HTTP gateways (OkHttp). */
module io.crmkit.messaging {
    requires io.crmkit.core;
    requires org.slf4j;
    requires static org.jspecify;
    requires jakarta.mail;
    requires org.eclipse.angus.mail;
    requires okhttp3;
    requires okio;

    exports io.crmkit.messaging;
}
