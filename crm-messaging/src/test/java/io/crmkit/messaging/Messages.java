package io.crmkit.messaging;

import io.crmkit.core.messaging.Attachment;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.OutboundMessage;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Outbound messages for tests. */
final class Messages {
    private Messages() {
    }

    static OutboundMessage email(String key, String to, String subject, String text) {
        return email(key, to, new MessageContent.Email(subject, text, Optional.empty(), List.of(), Optional.empty()));
    }

    static OutboundMessage email(String key, String to, MessageContent.Email content) {
        return new OutboundMessage(new MessageId(UUID.randomUUID()), key, to, content);
    }

    static MessageContent.Email content(String subject, String text, String html, List<Attachment> attachments,
                                        String replyTo) {
        return new MessageContent.Email(subject, text, Optional.ofNullable(html), attachments,
                Optional.ofNullable(replyTo));
    }

    static OutboundMessage sms(String key, String to, String text) {
        return new OutboundMessage(new MessageId(UUID.randomUUID()), key, to, new MessageContent.Sms(text));
    }

    static OutboundMessage script(String key, String to, String script, String callback) {
        return new OutboundMessage(new MessageId(UUID.randomUUID()), key, to,
                new MessageContent.Voice(Optional.of(script), Optional.empty(), Optional.ofNullable(callback)));
    }

    static OutboundMessage audio(String key, String to, String audioUrl, String callback) {
        return new OutboundMessage(new MessageId(UUID.randomUUID()), key, to,
                new MessageContent.Voice(Optional.empty(), Optional.of(audioUrl), Optional.ofNullable(callback)));
    }
}
