package io.crmkit.messaging.internal;

import io.crmkit.core.DeliveryException;
import jakarta.mail.AuthenticationFailedException;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.IdentityHashMap;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;

/**
 * Classifies what went wrong talking to an SMTP server. A 4xx reply, a closed or reset connection, a
 * refused connection and a timeout are retryable; a 5xx reply (a rejected sender, recipient, message or
 * credentials) and a server whose TLS certificate is not trusted are permanent.
 */
public final class SmtpFailures {
    private static final Pattern LEADING_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)[ -]");
    private static final Pattern RESPONSE_CODE = Pattern.compile("response: \\[?([2-5]\\d\\d)");
    private static final int SNIPPET = 200;

    private SmtpFailures() {
    }

    /** The SMTP reply code in the failure, -1 when the connection ended, 0 when there is none. */
    public static int replyCode(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof SMTPSendFailedException e) {
                return e.getReturnCode();
            }
            if (t instanceof SMTPAddressFailedException e) {
                return e.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException e) {
                return e.getReturnCode();
            }
        }
        for (Throwable t : chain(failure)) {
            String message = t.getMessage();
            if (message == null) {
                continue;
            }
            Matcher leading = LEADING_CODE.matcher(message);
            if (leading.find()) {
                return Integer.parseInt(leading.group(1));
            }
            Matcher response = RESPONSE_CODE.matcher(message);
            if (response.find()) {
                return Integer.parseInt(response.group(1));
            }
        }
        return 0;
    }

    /**
     * Whether the connection itself failed (I/O error, end of stream, 421 closing) rather than the server
     * refusing this message: then reconnecting may help.
     */
    public static boolean isConnectionFailure(Throwable failure) {
        if (failure instanceof IllegalStateException) {
            return true;
        }
        int code = replyCode(failure);
        if (code == -1 || code == 421) {
            return true;
        }
        return code == 0 && chain(failure).stream().anyMatch(t -> t instanceof IOException);
    }

    /**
     * The failure as a {@link DeliveryException}, its message free of the redactor's secrets, with a
     * {@linkplain Redactor#scrub(Throwable) cleaned copy} of the failure as its cause: servers quote
     * credentials back in their replies, and the raw exception would carry them.
     */
    public static DeliveryException classify(String endpoint, String phase, Exception failure, Redactor redactor) {
        int code = replyCode(failure);
        String detail = redactor.clean(serverText(failure), SNIPPET);
        String prefix = "SMTP server " + endpoint + " ";
        Throwable cause = redactor.scrub(failure);
        if (code >= 400 && code < 500) {
            return DeliveryException.retryable(prefix + "deferred the message while " + phase + " (" + detail + ")",
                    cause);
        }
        if (code >= 500) {
            String what = isAuthenticationFailure(failure) ? "rejected the credentials" : "rejected the message";
            return DeliveryException.permanent(prefix + what + " while " + phase + " (" + detail + ")", cause);
        }
        if (isUntrustedServer(failure)) {
            return DeliveryException.permanent(prefix + "is not trusted: its TLS certificate could not be verified"
                    + " for this host while " + phase + " (" + detail + ")", cause);
        }
        if (code == -1 || isConnectionFailure(failure)) {
            return DeliveryException.retryable(prefix + "connection failed while " + phase + ": " + detail, cause);
        }
        if (isAuthenticationFailure(failure)) {
            return DeliveryException.permanent(prefix + "rejected the credentials (" + detail + ")", cause);
        }
        if (detail.contains("STARTTLS is required")) {
            return DeliveryException.permanent(prefix + "does not offer STARTTLS, which is required", cause);
        }
        return DeliveryException.retryable(prefix + "failed while " + phase + ": " + detail, cause);
    }

    private static boolean isAuthenticationFailure(Throwable failure) {
        return chain(failure).stream().anyMatch(t -> t instanceof AuthenticationFailedException);
    }

    /**
     * Whether the TLS handshake failed because the server's certificate is not trusted (unknown issuer,
     * expired, self-signed) or names another host: retrying cannot help until someone fixes the
     * configuration, so it is permanent, unlike a connection dropped during the handshake.
     */
    private static boolean isUntrustedServer(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof CertificateException || t instanceof SSLPeerUnverifiedException) {
                return true;
            }
            String message = t.getMessage();
            if (t instanceof SSLException && message != null && message.contains("identity")) {
                return true; // Angus Mail's check of the server identity (mail.smtp.ssl.checkserveridentity)
            }
        }
        return false;
    }

    private static String serverText(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t : chain(failure)) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && out.indexOf(message) < 0) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                out.append(t instanceof IOException ? t.getClass().getSimpleName() + " " : "").append(message);
            } else if (message == null && t instanceof IOException) {
                out.append(out.length() > 0 ? "; " : "").append(t.getClass().getSimpleName());
            }
        }
        return out.toString();
    }

    /** The failure, its causes and the next exceptions of messaging exceptions, each once. */
    static java.util.List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        todo.add(failure);
        while (!todo.isEmpty() && out.size() < 32) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            out.add(t);
            @Nullable Throwable cause = t.getCause();
            if (cause != null) {
                todo.add(cause);
            }
        }
        return out;
    }
}
