package io.crmkit.messaging;

import io.crmkit.core.Checks;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.messaging.internal.MimeComposer;
import io.crmkit.messaging.internal.Redactor;
import io.crmkit.messaging.internal.SmtpConnection;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * Sends email over SMTP (Jakarta Mail through Angus Mail).
 *
 * <pre>{@code
 * SmtpEmailChannel email = SmtpEmailChannel.builder()
 *         .host("smtp.example.com").port(587).security(SmtpEmailChannel.Security.STARTTLS)
 *         .credentials("crm@example.com", System.getenv("SMTP_PASSWORD"))
 *         .from("crm@example.com", "示例公司客服")
 *         .replyTo("service@example.com")
 *         .build();
 * }</pre>
 *
 * <p><b>Messages.</b> Plain text, or {@code multipart/alternative} text and HTML, inside
 * {@code multipart/mixed} with attachments; UTF-8 everywhere, so Chinese subjects, display names and
 * bodies (and emoji) arrive intact. Each message gets the Message-ID {@code <idempotencyKey@domain>}
 * (a name-based UUID stands in for a key that is not a dot-atom), the same on every retry, returned as
 * {@link DeliveryReceipt#providerMessageId()}; the key also travels in {@code X-Idempotency-Key}. A
 * message's own reply-to address overrides the channel's default.
 *
 * <p><b>Connection.</b> One SMTP connection is opened on the first send and reused by the following
 * ones, one send at a time (sends from several threads queue for it). When a reused connection turns out
 * to be dead, the send reconnects once and tries again. A connection idle for longer than
 * {@link Builder#idleTimeout(Duration)} is replaced on the next send. {@link #close()} ends it.
 *
 * <p><b>Failures</b> are {@link io.crmkit.core.DeliveryException}s. Retryable: SMTP 4xx replies (including
 * 421 and 454), refused or dropped connections, timeouts. Permanent: SMTP 5xx replies, such as 550 for an
 * unknown recipient or 535 for wrong credentials (a wrong password will not fix itself; the host must
 * rebuild the channel with the right one), an invalid recipient address, a server without the required
 * STARTTLS, a server that offers no SMTP AUTH when credentials are configured (the message is not sent
 * unauthenticated), a server whose TLS certificate is not trusted or names another host. The password never
 * appears in {@code toString()}, logs, exception messages or the exceptions' causes, which are cleaned
 * copies of Jakarta Mail's (a server may quote the credentials back).
 */
public final class SmtpEmailChannel implements MessageChannel {
    private final Session session;
    private final MimeComposer composer;
    private final SmtpConnection connection;
    private final String description;

    private SmtpEmailChannel(Session session, MimeComposer composer, SmtpConnection connection, String description) {
        this.session = session;
        this.composer = composer;
        this.connection = connection;
        this.description = description;
    }

    /** A builder; {@link Builder#host(String) host} and {@link Builder#from(String) from} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Always {@link ChannelKind#EMAIL}. */
    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    /**
     * Sends one email over the shared connection.
     *
     * @return the Message-ID header of the message sent, angle brackets included
     * @throws io.crmkit.core.DeliveryException when it could not be sent; see the class comment for which
     *                                          failures are retryable
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        InternetAddress to = MimeComposer.recipient(message);
        MimeMessage mime = composer.compose(session, message, to);
        connection.send(mime, new Address[] {to});
        return new DeliveryReceipt(composer.messageId(message));
    }

    /** Closes the SMTP connection. Idempotent; later sends throw {@link IllegalStateException}. */
    @Override
    public void close() {
        connection.close();
    }

    /** Server, security and user; never the password. */
    @Override
    public String toString() {
        return description;
    }

    /** How the connection to the SMTP server is secured. */
    public enum Security {
        /** Plain SMTP. Only for a relay on a trusted network, such as localhost. Default port 25. */
        NONE(25),
        /** Plain connection upgraded with STARTTLS, which is required: a server without it is refused. Default port 587. */
        STARTTLS(587),
        /** TLS from the first byte (implicit TLS, "SMTPS"). Default port 465. */
        SMTPS(465);

        private final int defaultPort;

        Security(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /** The port this security usually runs on. */
        public int defaultPort() {
            return defaultPort;
        }
    }

    /**
     * Builds an {@link SmtpEmailChannel}. Not thread-safe; {@link #build()} validates every setting and
     * names each bad one in a {@link io.crmkit.core.ValidationException}.
     */
    public static final class Builder {
        /** Default connect timeout. */
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
        /** Default read timeout (waiting for each server reply). */
        public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
        /** Default write timeout (sending each chunk of the message). */
        public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
        /** Default idle time after which a connection is replaced rather than reused. */
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

        private @Nullable String host;
        private @Nullable Integer port;
        private Security security = Security.STARTTLS;
        private @Nullable String username;
        private @Nullable String password;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private @Nullable String fromAddress;
        private @Nullable String fromName;
        private @Nullable String replyTo;
        private String messageIdDomain = "crmkit";
        private @Nullable String localHostName;
        private @Nullable SSLSocketFactory sslSocketFactory;
        private @Nullable Session hostSession;
        private Clock clock = Clock.systemUTC();

        Builder() {
        }

        /** The SMTP server's host name or address. Required unless a {@link #session(Session) session} says it. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The server's port, 1 to 65535. Defaults to the {@link Security#defaultPort() security's usual port}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How the connection is secured. Default {@link Security#STARTTLS} (required, not opportunistic). */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** Authenticates with a user name and password (SMTP AUTH). The password is never shown. */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** How long to wait for the TCP (and TLS) connection. Default 10 seconds; must be positive. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long to wait for each server reply. Default 30 seconds; must be positive. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long a write to the server may block. Default 30 seconds; must be positive. */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long the connection may sit unused before the next send replaces it. Default 60 seconds. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The sender's address. Required. */
        public Builder from(String address) {
            this.fromAddress = Objects.requireNonNull(address, "address");
            this.fromName = null;
            return this;
        }

        /** The sender's address and display name (any script; encoded as UTF-8). */
        public Builder from(String address, String displayName) {
            this.fromAddress = Objects.requireNonNull(address, "address");
            this.fromName = Objects.requireNonNull(displayName, "displayName");
            return this;
        }

        /** Where replies go when a message names no reply-to of its own. */
        public Builder replyTo(String address) {
            this.replyTo = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The domain part of generated Message-IDs, such as {@code crm.example.com}. Default {@code crmkit}. */
        public Builder messageIdDomain(String domain) {
            this.messageIdDomain = Objects.requireNonNull(domain, "domain");
            return this;
        }

        /** The name this client gives in EHLO. Default: the local host name Jakarta Mail finds. */
        public Builder localHostName(String name) {
            this.localHostName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The TLS socket factory for STARTTLS and SMTPS, such as one trusting a private CA. Server identity is still checked. */
        public Builder sslSocketFactory(SSLSocketFactory factory) {
            this.sslSocketFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Uses the host's Jakarta Mail session (escape hatch) for every property this builder does not
         * cover. Its properties are taken as they are: security, timeouts and socket settings come from
         * the session, which must set positive {@code mail.smtp.connectiontimeout} and
         * {@code mail.smtp.timeout} (or the {@code mail.smtps.} ones), so no send waits forever. Host,
         * port and credentials set on this builder override the session's.
         */
        public Builder session(Session session) {
            this.hostSession = Objects.requireNonNull(session, "session");
            return this;
        }

        /** The clock for the Date header. Default: the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The channel. Does not connect yet: the first send does.
         *
         * @throws io.crmkit.core.ValidationException naming every missing or invalid setting
         */
        public SmtpEmailChannel build() {
            Checks v = new Checks();
            if (hostSession == null) {
                v.present("host", host);
            } else if (host == null) {
                String protocol = protocolOf(hostSession);
                v.require(hostSession.getProperty("mail." + protocol + ".host") != null, "host", "required",
                        "must be set on the builder or as mail." + protocol + ".host in the session");
            }
            int effectivePort = port != null ? port : (hostSession == null ? security.defaultPort() : -1);
            if (port != null) {
                v.port("port", port);
            }
            if (username != null) {
                v.present("username", username);
                v.require(password != null && !password.isEmpty(), "password", "required",
                        "must be set with the user name");
            }
            v.positive("connectTimeout", connectTimeout);
            v.positive("readTimeout", readTimeout);
            v.positive("writeTimeout", writeTimeout);
            v.positive("idleTimeout", idleTimeout);
            InternetAddress from = null;
            if (v.present("from", fromAddress)) {
                from = address(v, "from", Objects.requireNonNull(fromAddress), fromName); // present: not null
            }
            InternetAddress defaultReplyTo = replyTo == null ? null : address(v, "replyTo", replyTo, null);
            v.require(MimeComposer.isDotAtom(messageIdDomain), "messageIdDomain", "format",
                    "must be a domain like crm.example.com");
            if (localHostName != null) {
                v.require(MimeComposer.isDotAtom(localHostName), "localHostName", "format", "must be a host name");
            }
            if (hostSession != null) {
                String protocol = protocolOf(hostSession);
                for (String key : new String[] {"connectiontimeout", "timeout"}) {
                    String name = "mail." + protocol + "." + key;
                    v.require(positiveNumber(hostSession.getProperty(name)), "session." + name, "not_positive",
                            "must be a positive number of milliseconds so sends never wait forever");
                }
            }
            v.throwIfAny();
            Objects.requireNonNull(from, "from"); // null only with a violation

            Session session = hostSession != null ? hostSession : Session.getInstance(properties(effectivePort));
            String protocol = hostSession != null ? protocolOf(hostSession) : "smtp";
            String shownHost = host != null ? host : Objects.requireNonNull(session.getProperty("mail." + protocol + ".host"));
            String shownPort = effectivePort > 0 ? String.valueOf(effectivePort)
                    : String.valueOf(session.getProperty("mail." + protocol + ".port"));
            String endpoint = shownHost + ":" + shownPort;
            SmtpConnection connection = new SmtpConnection(session, protocol, host, effectivePort, username, password,
                    endpoint, idleTimeout, Redactor.smtp(username, password));
            MimeComposer composer = new MimeComposer(from, defaultReplyTo, messageIdDomain, clock);
            String description = "SmtpEmailChannel[" + endpoint + ", "
                    + (hostSession != null ? "host session" : security.name())
                    + (username != null ? ", user " + username : "") + "]";
            return new SmtpEmailChannel(session, composer, connection, description);
        }

        private Properties properties(int effectivePort) {
            Properties p = new Properties();
            p.put("mail.transport.protocol", "smtp");
            p.put("mail.smtp.host", Objects.requireNonNull(host));
            p.put("mail.smtp.port", String.valueOf(effectivePort));
            p.put("mail.smtp.connectiontimeout", String.valueOf(connectTimeout.toMillis()));
            p.put("mail.smtp.timeout", String.valueOf(readTimeout.toMillis()));
            p.put("mail.smtp.writetimeout", String.valueOf(writeTimeout.toMillis()));
            p.put("mail.smtp.auth", String.valueOf(username != null));
            p.put("mail.mime.charset", "UTF-8");
            p.put("mail.mime.encodefilename", "false");
            p.put("mail.mime.encodeparameters", "true");
            if (localHostName != null) {
                p.put("mail.smtp.localhost", localHostName);
            }
            switch (security) {
                case NONE -> {
                }
                case STARTTLS -> {
                    p.put("mail.smtp.starttls.enable", "true");
                    p.put("mail.smtp.starttls.required", "true");
                    p.put("mail.smtp.ssl.checkserveridentity", "true");
                }
                case SMTPS -> {
                    p.put("mail.smtp.ssl.enable", "true");
                    p.put("mail.smtp.ssl.checkserveridentity", "true");
                }
            }
            if (sslSocketFactory != null) {
                p.put("mail.smtp.ssl.socketFactory", sslSocketFactory);
            }
            return p;
        }

        private static String protocolOf(Session session) {
            String protocol = session.getProperty("mail.transport.protocol");
            return "smtps".equals(protocol) ? "smtps" : "smtp";
        }

        private static boolean positiveNumber(@Nullable String value) {
            try {
                return value != null && Long.parseLong(value.strip()) > 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static @Nullable InternetAddress address(Checks v, String field, String address,
                                                         @Nullable String name) {
            try {
                InternetAddress parsed = new InternetAddress(address, true);
                if (name != null) {
                    parsed = new InternetAddress(parsed.getAddress(), name, StandardCharsets.UTF_8.name());
                }
                return parsed;
            } catch (AddressException | UnsupportedEncodingException e) {
                v.add(field, "format", "must be an email address like crm@example.com");
                return null;
            }
        }
    }
}
