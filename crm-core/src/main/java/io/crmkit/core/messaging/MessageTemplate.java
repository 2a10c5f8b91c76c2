package io.crmkit.core.messaging;

import java.util.Objects;
import java.util.Optional;

/**
 * Reusable message text with {@code {{variable}}} placeholders: {@code "您好 {{name}}，您的订单 {{order}} 已发货"}.
 * Values are inserted as given in the subject and text, and HTML-escaped in the HTML body. A placeholder
 * without a value is a {@link io.crmkit.core.ValidationException}. The variable {@code name} defaults to
 * the customer's display name.
 *
 * @param subject for email; ignored for SMS and voice
 * @param text    the plain text: the email's text part, the SMS, or the voice script
 * @param html    for email: the HTML alternative
 */
public record MessageTemplate(Optional<String> subject, String text, Optional<String> html) {
    public MessageTemplate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }

    public static MessageTemplate text(String text) {
        return new MessageTemplate(Optional.empty(), text, Optional.empty());
    }

    public static MessageTemplate email(String subject, String text) {
        return new MessageTemplate(Optional.of(subject), text, Optional.empty());
    }

    public static MessageTemplate email(String subject, String text, String html) {
        return new MessageTemplate(Optional.of(subject), text, Optional.of(html));
    }
}
