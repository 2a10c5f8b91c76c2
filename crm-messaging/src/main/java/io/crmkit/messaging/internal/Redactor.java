package io.crmkit.messaging.internal;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Keeps secrets (passwords, tokens, API keys) out of text that ends up in exception messages: replaces
 * each configured secret with {@code ***} and caps the length.
 */
public final class Redactor {
    private static final String MASK = "***";
    private final List<String> secrets;

    public Redactor(List<@Nullable String> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull)
                .filter(s -> s.length() >= 3).toList();
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
        result = result.replaceAll("\\s+", " ").strip();
        if (result.length() > max) {
            result = result.substring(0, max) + "…";
        }
        return result;
    }
}
