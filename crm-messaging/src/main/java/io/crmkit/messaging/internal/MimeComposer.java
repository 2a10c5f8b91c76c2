package io.crmkit.messaging.internal;

import io.crmkit.core.DeliveryException;
import io.crmkit.core.messaging.Attachment;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.OutboundMessage;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns an email into a MIME message: {@code text/plain}, or {@code multipart/alternative} with an HTML
 * part, wrapped in {@code multipart/mixed} when there are attachments; UTF-8 throughout (RFC 2047 encoded
 * words for the subject and display names, RFC 2231 for attachment names); a Message-ID derived from the
 * idempotency key, so every retry of a message carries the same one; the key itself in
 * {@value #IDEMPOTENCY_HEADER}.
 */
public final class MimeComposer {
    /** The header that carries the idempotency key. */
    public static final String IDEMPOTENCY_HEADER = "X-Idempotency-Key";
    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final String UTF_8 = "UTF-8";

    private final InternetAddress from;
    private final @Nullable InternetAddress replyTo;
    private final String messageIdDomain;
    private final Clock clock;

    public MimeComposer(InternetAddress from, @Nullable InternetAddress replyTo, String messageIdDomain, Clock clock) {
        this.from = from;
        this.replyTo = replyTo;
        this.messageIdDomain = messageIdDomain;
        this.clock = clock;
    }

    /** Whether text is a valid Message-ID domain part (a dot-atom). */
    public static boolean isDotAtom(String text) {
        return text.length() <= 200 && DOT_ATOM.matcher(text).matches();
    }

    /** The Message-ID for a message: {@code <key@domain>}, or a name-based UUID when the key is not a dot-atom. */
    public String messageId(OutboundMessage message) {
        String key = message.idempotencyKey();
        String local = isDotAtom(key) ? key : UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        return "<" + local + "@" + messageIdDomain + ">";
    }

    /** The recipient address; a malformed one fails permanently. */
    public static InternetAddress recipient(OutboundMessage message) {
        try {
            return new InternetAddress(message.to(), true);
        } catch (AddressException e) {
            throw DeliveryException.permanent("recipient is not a valid email address: " + e.getMessage(), e);
        }
    }

    /** The message, with its headers final (saved); composition failures are permanent. */
    public MimeMessage compose(Session session, OutboundMessage message, InternetAddress to) {
        if (!(message.content() instanceof MessageContent.Email email)) {
            throw DeliveryException.permanent("SmtpEmailChannel sends email, not " + message.kind(), null);
        }
        String messageId = messageId(message);
        try {
            MimeMessage mime = new IdentifiedMimeMessage(session, messageId);
            mime.setFrom(from);
            mime.setRecipient(MimeMessage.RecipientType.TO, to);
            InternetAddress reply = email.replyTo().isPresent() ? parse("replyTo", email.replyTo().get()) : replyTo;
            if (reply != null) {
                mime.setReplyTo(new InternetAddress[] {reply});
            }
            mime.setSubject(email.subject(), UTF_8);
            mime.setSentDate(Date.from(clock.instant()));
            mime.setHeader(IDEMPOTENCY_HEADER, HeaderValues.safe(message.idempotencyKey()));
            if (email.attachments().isEmpty()) {
                fillBody(mime, email);
            } else {
                MimeMultipart mixed = new MimeMultipart("mixed");
                MimeBodyPart body = new MimeBodyPart();
                fillBody(body, email);
                mixed.addBodyPart(body);
                for (Attachment attachment : email.attachments()) {
                    MimeBodyPart part = new MimeBodyPart();
                    part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(),
                            attachment.contentType())));
                    part.setFileName(attachment.fileName());
                    part.setDisposition(Part.ATTACHMENT);
                    mixed.addBodyPart(part);
                }
                mime.setContent(mixed);
            }
            mime.saveChanges();
            return mime;
        } catch (MessagingException e) {
            throw DeliveryException.permanent("email could not be composed: " + e.getMessage(), e);
        }
    }

    private static void fillBody(jakarta.mail.internet.MimePart target, MessageContent.Email email)
            throws MessagingException {
        if (email.html().isEmpty()) {
            target.setText(email.text(), UTF_8, "plain");
            return;
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), UTF_8, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html().get(), UTF_8, "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        target.setContent(alternative);
    }

    private static InternetAddress parse(String field, String address) {
        try {
            return new InternetAddress(address, true);
        } catch (AddressException e) {
            throw DeliveryException.permanent(field + " is not a valid email address: " + e.getMessage(), e);
        }
    }

    /** A MIME message whose Message-ID is ours, not the one Jakarta Mail would generate on save. */
    private static final class IdentifiedMimeMessage extends MimeMessage {
        private final String messageId;

        IdentifiedMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
