package io.crmkit.core.messaging;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a message carries, by kind. Rendered already: templates were applied before queueing. */
public sealed interface MessageContent {
    ChannelKind kind();

    /**
     * An email: subject, plain text, optional HTML alternative, attachments.
     *
     * @param replyTo where replies should go, if not the sender
     */
    record Email(String subject, String text, Optional<String> html, List<Attachment> attachments,
                 Optional<String> replyTo) implements MessageContent {
        public Email {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(html, "html");
            attachments = List.copyOf(attachments);
            Objects.requireNonNull(replyTo, "replyTo");
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.EMAIL;
        }
    }

    /** A text message; {@link #length()} tells its encoding and segments. */
    record Sms(String text) implements MessageContent {
        public Sms {
            Objects.requireNonNull(text, "text");
        }

        public SmsLength length() {
            return SmsLength.of(text);
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.SMS;
        }
    }

    /**
     * A voice call that speaks a text-to-speech script or plays an audio file.
     *
     * @param statusCallbackUrl where the gateway reports call progress
     */
    record Voice(Optional<String> script, Optional<String> audioUrl, Optional<String> statusCallbackUrl)
            implements MessageContent {
        public Voice {
            Objects.requireNonNull(script, "script");
            Objects.requireNonNull(audioUrl, "audioUrl");
            Objects.requireNonNull(statusCallbackUrl, "statusCallbackUrl");
            if (script.isEmpty() == audioUrl.isEmpty()) {
                throw io.crmkit.core.ValidationException.of("voice", "script_or_audio",
                        "needs exactly one of a script and an audio URL");
            }
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.VOICE;
        }
    }
}
