package io.crmkit.core.messaging;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.RecordLink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message to send to a customer, from direct content or from a {@link MessageTemplate} with variables:
 *
 * <pre>{@code
 * MessageRequest.email(customerId).subject("发货通知").text("您的订单已发货").html("<p>您的订单已发货</p>");
 * MessageRequest.sms(customerId).template(MessageTemplate.text("{{name}}您好，验证码 {{code}}")).variable("code", "4711");
 * MessageRequest.voice(customerId).script("您好，您预约的服务明天上午九点上门。");
 * }</pre>
 *
 * The address defaults to the customer's first email address or phone number; {@link #to(String)}
 * overrides it. Not thread-safe.
 */
public final class MessageRequest {
    private final ChannelKind kind;
    private final CustomerId customerId;
    private @Nullable String to;
    private @Nullable String subject;
    private @Nullable String text;
    private @Nullable String html;
    private @Nullable String replyTo;
    private @Nullable String audioUrl;
    private @Nullable String statusCallbackUrl;
    private @Nullable MessageTemplate template;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final List<Attachment> attachments = new ArrayList<>();
    private @Nullable String idempotencyKey;
    private final List<RecordLink> links = new ArrayList<>();

    private MessageRequest(ChannelKind kind, CustomerId customerId) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
    }

    public static MessageRequest email(CustomerId customer) {
        return new MessageRequest(ChannelKind.EMAIL, customer);
    }

    public static MessageRequest sms(CustomerId customer) {
        return new MessageRequest(ChannelKind.SMS, customer);
    }

    public static MessageRequest voice(CustomerId customer) {
        return new MessageRequest(ChannelKind.VOICE, customer);
    }

    /** Sends to this address (email) or number (SMS, voice) instead of the customer's own. */
    public MessageRequest to(String address) { this.to = address; return this; }
    public MessageRequest subject(String subject) { this.subject = subject; return this; }
    /** The email's text part, the SMS text, or the voice call's text-to-speech script. */
    public MessageRequest text(String text) { this.text = text; return this; }
    public MessageRequest html(String html) { this.html = html; return this; }
    public MessageRequest replyTo(String address) { this.replyTo = address; return this; }
    /** Same as {@link #text(String)}, reading better for voice calls. */
    public MessageRequest script(String script) { this.text = script; return this; }
    /** For voice: play this audio file instead of speaking a script. */
    public MessageRequest audioUrl(String url) { this.audioUrl = url; return this; }
    /** For voice: where the gateway reports call progress. */
    public MessageRequest statusCallback(String url) { this.statusCallbackUrl = url; return this; }
    public MessageRequest attach(Attachment attachment) { attachments.add(Objects.requireNonNull(attachment)); return this; }
    /** Renders the content from a template; direct subject/text/html then are not allowed. */
    public MessageRequest template(MessageTemplate template) { this.template = Objects.requireNonNull(template); return this; }
    public MessageRequest variable(String name, String value) { variables.put(name, Objects.requireNonNull(value, name)); return this; }
    public MessageRequest variables(Map<String, String> values) { values.forEach(this::variable); return this; }
    /**
     * The host's key for this message: sending again with the same key returns the first message
     * instead of queueing a second. Printable ASCII without spaces, at most 200 characters, as it travels in
     * SMTP and HTTP headers. Default: a new key per request.
     */
    public MessageRequest idempotencyKey(String key) { this.idempotencyKey = key; return this; }

    /**
     * Links the message's timeline entry to another record as well, such as the campaign that sends it
     * ({@link RecordLink.Type#CAMPAIGN}); the entry always links to the message itself.
     */
    public MessageRequest link(RecordLink link) { links.add(Objects.requireNonNull(link, "link")); return this; }

    public ChannelKind kind() { return kind; }
    public CustomerId customerId() { return customerId; }
    public Optional<String> to() { return Optional.ofNullable(to); }
    public Optional<String> subject() { return Optional.ofNullable(subject); }
    public Optional<String> text() { return Optional.ofNullable(text); }
    public Optional<String> html() { return Optional.ofNullable(html); }
    public Optional<String> replyTo() { return Optional.ofNullable(replyTo); }
    public Optional<String> audioUrl() { return Optional.ofNullable(audioUrl); }
    public Optional<String> statusCallbackUrl() { return Optional.ofNullable(statusCallbackUrl); }
    public Optional<MessageTemplate> template() { return Optional.ofNullable(template); }
    public Map<String, String> variables() { return Collections.unmodifiableMap(variables); }
    public List<Attachment> attachments() { return List.copyOf(attachments); }
    public Optional<String> idempotencyKey() { return Optional.ofNullable(idempotencyKey); }
    /** The records the timeline entry links to beyond the message. */
    public List<RecordLink> links() { return List.copyOf(links); }
}
