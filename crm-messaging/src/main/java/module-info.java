/** crmkit's transports: email over SMTP (Jakarta Mail / Angus), SMS and voice calls over HTTP gateways (OkHttp). */
module io.crmkit.messaging {
    requires transitive io.crmkit.core;     // MessageChannel, DeliveryException in the API
    requires transitive jakarta.mail;       // the host's Session, an escape hatch of SmtpEmailChannel
    requires transitive okhttp3;            // the host's OkHttpClient, an escape hatch of the HTTP channels
    requires org.eclipse.angus.mail;
    requires okio;
    requires org.slf4j;
    requires static org.jspecify;

    exports io.crmkit.messaging;
}
