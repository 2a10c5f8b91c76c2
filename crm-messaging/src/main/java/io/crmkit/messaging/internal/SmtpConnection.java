package io.crmkit.messaging.internal;

import io.crmkit.core.DeliveryException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP connection reused across sends, one send at a time. It opens lazily, is dropped after a
 * connection-level failure, and a send that finds its reused connection dead reconnects once and tries
 * again. A connection idle for longer than the idle timeout is closed before the next send rather than
 * trusted (servers drop idle clients, typically after a few minutes).
 */
public final class SmtpConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnection.class);

    private final Session session;
    private final String protocol;
    private final @Nullable String host;
    private final int port;
    private final @Nullable String username;
    private final @Nullable String password;
    private final String endpoint;
    private final long idleNanos;
    private final Redactor redactor;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();

    private @Nullable Transport transport;
    private long lastUsed;
    private boolean closed;

    /**
     * @param host     null to take host and port from the session's properties
     * @param endpoint host and port for messages
     */
    public SmtpConnection(Session session, String protocol, @Nullable String host, int port, @Nullable String username,
                          @Nullable String password, String endpoint, Duration idleTimeout, Redactor redactor) {
        this.session = session;
        this.protocol = protocol;
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.endpoint = endpoint;
        this.idleNanos = idleTimeout.toNanos();
        this.redactor = redactor;
        this.nanoTime = System::nanoTime;
    }

    /** Sends a message, reconnecting once when a reused connection turns out to be dead. */
    public void send(MimeMessage message, Address[] recipients) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("SMTP channel to " + endpoint + " is closed");
            }
            if (transport != null && nanoTime.getAsLong() - lastUsed > idleNanos) {
                disconnect();
            }
            boolean reused = transport != null;
            if (!reused) {
                connect();
            }
            try {
                sendOnce(message, recipients);
            } catch (MessagingException | IllegalStateException e) {
                boolean connectionFailed = SmtpFailures.isConnectionFailure(e);
                if (connectionFailed) {
                    disconnect();
                }
                if (!reused || !connectionFailed) {
                    throw SmtpFailures.classify(endpoint, "sending", e, redactor);
                }
                LOG.debug("SMTP connection to {} was lost; reconnecting once", endpoint);
                connect();
                try {
                    sendOnce(message, recipients);
                } catch (MessagingException | IllegalStateException again) {
                    if (SmtpFailures.isConnectionFailure(again)) {
                        disconnect();
                    }
                    throw SmtpFailures.classify(endpoint, "sending", again, redactor);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void sendOnce(MimeMessage message, Address[] recipients) throws MessagingException {
        Transport t = transport;
        if (t == null) {
            throw new IllegalStateException("not connected");
        }
        t.sendMessage(message, recipients);
        lastUsed = nanoTime.getAsLong();
    }

    private void connect() {
        Transport t = null;
        try {
            t = session.getTransport(protocol);
            t.connect(host, port, username, password);
            if (username != null && !offersAuthentication(t)) {
                closeQuietly(t);
                throw DeliveryException.permanent("SMTP server " + endpoint + " offers no authentication (no AUTH"
                        + " in its EHLO reply) although credentials are configured; the message was not sent", null);
            }
            transport = t;
            lastUsed = nanoTime.getAsLong();
        } catch (MessagingException e) {
            closeQuietly(t);
            throw SmtpFailures.classify(endpoint, "connecting", e, redactor);
        }
    }

    /**
     * Whether the server advertised SMTP AUTH. Angus Mail skips the login silently when it did not, so with
     * credentials configured the message would go out unauthenticated.
     */
    private static boolean offersAuthentication(Transport t) {
        return !(t instanceof SMTPTransport smtp) || smtp.supportsExtension("AUTH")
                || smtp.supportsExtension("AUTH=LOGIN");
    }

    private void disconnect() {
        Transport t = transport;
        transport = null;
        closeQuietly(t);
    }

    private static void closeQuietly(@Nullable Transport t) {
        if (t == null) {
            return;
        }
        try {
            t.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("closing an SMTP connection failed", e);
        }
    }

    /** Closes the connection (QUIT); later sends fail. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            disconnect();
        } finally {
            lock.unlock();
        }
    }
}
