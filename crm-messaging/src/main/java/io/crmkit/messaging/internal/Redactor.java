package io.crmkit.messaging.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Keeps secrets (passwords, tokens, API keys) out of text and exceptions that leave the library: replaces
 * each configured secret with {@code ***} in messages, and {@linkplain #scrub(Throwable) replaces} a
 * transport library's exception chain with a cleaned copy before it becomes a cause.
 */
public final class Redactor {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String MASK = "***";
    private static final int CAUSE_MESSAGE_CHARS = 1_000;
    private static final int MAX_CHAIN = 32;

    private final List<String> secrets;

    public Redactor(List<@Nullable String> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull)
                .filter(s -> s.length() >= 3).distinct().toList();
    }

    /**
     * A redactor for SMTP credentials: the password itself, and its Base64 forms as AUTH LOGIN and
     * AUTH PLAIN send them, in case a server quotes the client's line back.
     */
    public static Redactor smtp(@Nullable String username, @Nullable String password) {
        List<@Nullable String> secrets = new ArrayList<>();
        if (password != null) {
            secrets.add(password);
            secrets.add(base64(password));
            if (username != null) {
                // AUTH PLAIN: authorization identity (Angus Mail sends the user name, others none), user, password
                secrets.add(base64(username + "\0" + username + "\0" + password));
                secrets.add(base64("\0" + username + "\0" + password));
            }
        }
        return new Redactor(secrets);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The text with every secret masked, whitespace collapsed and cut to {@code max} characters. */
    public String clean(@Nullable String text, int max) {
        if (text == null) {
            return "";
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        result = WHITESPACE.matcher(result).replaceAll(" ").strip();
        if (result.length() > max) {
            result = result.substring(0, max) + "…";
        }
        return result;
    }

    /**
     * A copy of {@code failure} fit to keep as a cause: each exception of its chain (causes and suppressed) becomes a {@link RedactedFailure} with the original's class name, its
     * message cleaned of secrets and its stack trace. The original is not kept, so neither are the
     * secrets in its message or fields.
     */
    public RedactedFailure scrub(Throwable failure) {
        return copy(failure, new IdentityHashMap<>());
    }

    private RedactedFailure copy(Throwable original, Map<Throwable, RedactedFailure> copies) {
        RedactedFailure done = copies.get(original);
        if (done != null) {
            return done;
        }
        String message = original.getMessage() == null ? null : clean(original.getMessage(), CAUSE_MESSAGE_CHARS);
        RedactedFailure copy = new RedactedFailure(original.getClass().getName(), message);
        copy.setStackTrace(original.getStackTrace());
        copies.put(original, copy);
        if (copies.size() < MAX_CHAIN) {
            Throwable cause = original.getCause(); // a Jakarta Mail next exception is its cause
            if (cause != null) {
                copy.initCause(copy(cause, copies));
            }
            for (Throwable suppressed : original.getSuppressed()) {
                if (copies.size() >= MAX_CHAIN) {
                    break;
                }
                copy.addSuppressed(copy(suppressed, copies));
            }
        }
        return copy;
    }
}
