package io.crmkit.core.internal.messaging;

import io.crmkit.core.Checks;
import io.crmkit.core.ConflictException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageEvent;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessageResult;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.messaging.MessagingService;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

public final class TransactionalMessagingService implements MessagingService {
    static final int MAX_SUBJECT = 200;
    static final int MAX_EMAIL_TEXT = 1_000_000;
    static final int MAX_SMS = 1_600;
    static final int MAX_SCRIPT = 4_000;
    static final int MAX_URL = 2_000;
    static final int MAX_KEY = 200;

    private final Engine engine;
    private final Actor actor;
    private final Guard guard;
    private final Dispatcher dispatcher;

    public TransactionalMessagingService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
        this.dispatcher = engine.component(Dispatcher.class);
    }

    @Override
    public MessageResult send(MessageRequest request) {
        Objects.requireNonNull(request, "request");
        MessagingSettings config = dispatcher.settings();
        if (!config.channels().containsKey(request.kind())) {
            throw ValidationException.of("kind", "no_channel", "has no channel registered for " + request.kind()
                    + "; add one with MessagingSettings.builder().channel(...)");
        }
        Checks keyCheck = new Checks();
        String key = keyCheck.optional("idempotencyKey", request.idempotencyKey().orElse(null), MAX_KEY);
        // keys travel in SMTP and HTTP headers: printable ASCII only
        keyCheck.require(key == null || key.matches("[\\x21-\\x7E]+"), "idempotencyKey", "format",
                "must be printable ASCII without spaces");
        keyCheck.throwIfAny();
        MessageResult result;
        try {
            result = queue(request, key, config);
        } catch (ConflictException e) {
            // a concurrent send with the same key committed first: this request is that message
            Optional<OutboxMessage> first = key == null ? Optional.empty()
                    : engine.read(repos -> repos.outbox().findByIdempotencyKey(key));
            return first.map(TransactionalMessagingService::resultOf).orElseThrow(() -> e);
        }
        return result;
    }

    private MessageResult queue(MessageRequest request, @Nullable String key, MessagingSettings config) {
        return engine.write(tx -> {
            if (key != null) {
                Optional<OutboxMessage> existing = tx.repos().outbox().findByIdempotencyKey(key);
                if (existing.isPresent()) {
                    return resultOf(existing.get());
                }
            }
            // no sending to a customer the actor may not read
            Customer customer = guard.require(tx.repos(), request.customerId(), RecordKind.MESSAGE, Action.CREATE);
            Checks checks = new Checks();
            String to = address(request, customer, checks);
            MessageContent checked = content(request, customer, checks);
            checks.throwIfAny();
            MessageContent content = Objects.requireNonNull(checked, "content"); // null only with a violation

            MessageId id = new MessageId(Ids.uuid7(engine.clock()));
            Optional<String> refusal = refusal(customer, request.kind(), to);
            Instant notBefore = refusal.isPresent() ? tx.now()
                    : config.outsideQuietHours(request.kind(), tx.now(), customer.timeZone());
            DeliveryStatus status = refusal.isPresent() ? DeliveryStatus.REFUSED : DeliveryStatus.QUEUED;
            InteractionId interactionId = new InteractionId(Ids.uuid7(engine.clock()));
            Interaction interaction = new Interaction(interactionId, customer.id(), request.kind().interactionChannel(),
                    Direction.OUTBOUND, Optional.of(summary(content)), Optional.of(truncate(body(content))), tx.now(),
                    Optional.empty(), actor.user(), refusal.map(r -> "refused: " + r),
                    links(id, request), tx.now(), Optional.of(status),
                    Optional.empty());
            OutboxMessage message = new OutboxMessage(new OutboundMessage(id, key != null ? key : id.toString(), to, content),
                    customer.id(), interactionId, status, 0, notBefore, Optional.empty(), refusal, Optional.empty(),
                    tx.now(), tx.now(), 1);
            tx.repos().interactions().insert(interaction);
            tx.repos().outbox().insert(message);
            MessageChanges.record(tx, AuditSource.API, actor.user(), null, message);
            tx.raise(new MessageEvent.StatusChanged(id, customer.id(), request.kind(), status, tx.now(), actor.user()));
            if (status == DeliveryStatus.QUEUED) {
                tx.afterCommit(dispatcher::wakeUp); // before the commit the dispatcher would not see it
            }
            return resultOf(message);
        });
    }

    /** The message first, then what the request links to. */
    private static List<RecordLink> links(MessageId id, MessageRequest request) {
        List<RecordLink> links = new java.util.ArrayList<>();
        links.add(new RecordLink(RecordLink.Type.MESSAGE, id.value()));
        links.addAll(request.links());
        return links;
    }

    private static MessageResult resultOf(OutboxMessage m) {
        return new MessageResult(m.id(), m.interactionId(), m.status(), m.lastError(), m.nextAttemptAt());
    }

    private String address(MessageRequest request, Customer customer, Checks checks) {
        String explicit = request.to().orElse(null);
        if (request.kind() == ChannelKind.EMAIL) {
            if (explicit != null) {
                EmailAddress e = checks.value("to", () -> EmailAddress.of(explicit));
                return e == null ? "" : e.value();
            }
            return customer.primaryEmail().map(EmailAddress::value).orElseGet(() -> {
                checks.add("to", "missing", "is not given and the customer has no email address");
                return "";
            });
        }
        if (explicit != null) {
            PhoneNumber p = checks.value("to", () -> PhoneNumber.parse(explicit, engine.defaultRegion()));
            return p == null ? "" : p.value();
        }
        return customer.primaryPhone().map(PhoneNumber::value).orElseGet(() -> {
            checks.add("to", "missing", "is not given and the customer has no phone number");
            return "";
        });
    }

    private static @Nullable MessageContent content(MessageRequest r, Customer customer, Checks checks) {
        Map<String, String> vars = new HashMap<>();
        vars.put("name", customer.displayName());
        vars.putAll(r.variables());
        Optional<String> subject = r.subject();
        Optional<String> text = r.text();
        Optional<String> html = r.html();
        if (r.template().isPresent()) {
            boolean direct = subject.isPresent() || text.isPresent() || html.isPresent();
            checks.require(!direct, "template", "conflict", "cannot be combined with a direct subject, text or html");
            MessageTemplate t = r.template().get();
            subject = t.subject().map(s -> TemplateRenderer.render(s, vars, false, checks));
            text = Optional.of(TemplateRenderer.render(t.text(), vars, false, checks));
            html = t.html().map(h -> TemplateRenderer.render(h, vars, true, checks));
        }
        switch (r.kind()) {
            case EMAIL -> {
                String s = checks.required("subject", subject.orElse(null), MAX_SUBJECT);
                String body = checks.multiline("text", text.orElse(null), MAX_EMAIL_TEXT);
                // a given text that is too long or malformed has its own violation; a blank one is missing
                checks.require(body != null || text.filter(x -> !x.isBlank()).isPresent(), "text", "required",
                        "must not be blank");
                String h = checks.multiline("html", html.orElse(null), MAX_EMAIL_TEXT);
                String replyTo = r.replyTo().map(a -> {
                    EmailAddress e = checks.value("replyTo", () -> EmailAddress.of(a));
                    return e == null ? null : e.value();
                }).orElse(null);
                return s == null || body == null ? null
                        : new MessageContent.Email(s, body, Optional.ofNullable(h), r.attachments(), Optional.ofNullable(replyTo));
            }
            case SMS -> {
                checks.require(r.attachments().isEmpty(), "attachments", "not_supported", "are only for email");
                String body = text.isPresent() && !text.get().isBlank() ? checks.multiline("text", text.get(), MAX_SMS)
                        : checks.required("text", null, MAX_SMS);
                return body == null ? null : new MessageContent.Sms(body);
            }
            case VOICE -> {
                checks.require(r.attachments().isEmpty(), "attachments", "not_supported", "are only for email");
                String script = checks.multiline("script", text.orElse(null), MAX_SCRIPT);
                String audio = url(checks, "audioUrl", r.audioUrl().orElse(null));
                String callback = url(checks, "statusCallback", r.statusCallbackUrl().orElse(null));
                checks.require((script == null) != (audio == null), "script", "script_or_audio",
                        "needs exactly one of a script and an audio URL");
                return checks.ok() ? new MessageContent.Voice(Optional.ofNullable(script), Optional.ofNullable(audio),
                        Optional.ofNullable(callback)) : null;
            }
            default -> throw new IllegalStateException("unknown kind " + r.kind());
        }
    }

    private static @Nullable String url(Checks checks, String field, @Nullable String url) {
        String u = checks.optional(field, url, MAX_URL);
        checks.require(u == null || u.matches("https?://\\S+"), field, "format", "must be an http or https URL");
        return u;
    }

    /** Why the customer must not get this message at address {@code to}, if they must not. */
    private static Optional<String> refusal(Customer customer, ChannelKind kind, String to) {
        if (customer.isArchived()) {
            return Optional.of("customer is archived");
        }
        if (customer.hasOptedOut(kind.consentChannel())) {
            return Optional.of("customer opted out of " + kind.consentChannel() + " on "
                    + customer.consent(kind.consentChannel()).map(c -> c.at() + " (" + c.source() + ")").orElse(""));
        }
        if (kind == ChannelKind.SMS && new PhoneNumber(to).kind() == PhoneNumber.Kind.FIXED_LINE) {
            return Optional.of(to + " is a fixed line, which cannot receive SMS");
        }
        return Optional.empty();
    }

    private static String summary(MessageContent content) {
        if (content instanceof MessageContent.Email e) {
            return e.subject();
        }
        String prefix = content instanceof MessageContent.Sms ? "SMS: " : "Voice call: ";
        String body = body(content).strip();
        int cut = body.codePointCount(0, body.length()) > 40 ? body.offsetByCodePoints(0, 40) : body.length();
        return prefix + body.substring(0, cut) + (cut < body.length() ? "…" : "");
    }

    private static String body(MessageContent content) {
        if (content instanceof MessageContent.Email e) {
            return e.text();
        }
        if (content instanceof MessageContent.Sms s) {
            return s.text();
        }
        MessageContent.Voice v = (MessageContent.Voice) content;
        return v.script().orElseGet(() -> "audio: " + v.audioUrl().orElse(""));
    }

    private static String truncate(String notes) {
        int max = Interaction.MAX_NOTES;
        return notes.codePointCount(0, notes.length()) <= max ? notes : notes.substring(0, notes.offsetByCodePoints(0, max));
    }

    @Override
    public Optional<OutboxMessage> get(MessageId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> repos.outbox().findById(id)
                .filter(m -> guard.permits(repos, m.customerId(), RecordKind.MESSAGE, Action.READ)));
    }

    @Override
    public int dispatchPending() {
        if (engine.inUnitOfWork()) {
            // it sends over the network and records each result in its own transaction
            throw new IllegalStateException("dispatchPending() runs its own transactions: call it outside"
                    + " crm.inTransaction(...) and crm.read(...)");
        }
        return dispatcher.dispatchPending();
    }

    @Override
    public Page<OutboxMessage> dead(PageRequest page) {
        return withStatus(DeliveryStatus.DEAD, page);
    }

    @Override
    public Page<OutboxMessage> withStatus(DeliveryStatus status, PageRequest page) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(page, "page");
        AccessScope scope = guard.scope(RecordKind.MESSAGE, Action.READ);
        return scope.isNothing() ? Page.last(List.of()) : engine.read(repos -> repos.outbox().byStatus(status, scope, page));
    }

    @Override
    public OutboxMessage retry(MessageId id) {
        Objects.requireNonNull(id, "id");
        OutboxMessage requeued = engine.write(tx -> {
            OutboxMessage m = tx.repos().outbox().require(id);
            guard.require(tx.repos(), m, m.customerId(), RecordKind.MESSAGE, Action.EDIT, "message " + id);
            if (m.status() != DeliveryStatus.DEAD) {
                throw ValidationException.of("status", "not_dead", "only dead messages can be retried; this one is " + m.status());
            }
            OutboxMessage q = m.requeued(tx.now());
            tx.repos().outbox().update(q);
            MessageChanges.record(tx, AuditSource.API, actor.user(), m, q);
            tx.repos().interactions().updateDelivery(m.interactionId(), DeliveryStatus.QUEUED, Optional.empty());
            tx.raise(new MessageEvent.StatusChanged(id, m.customerId(), m.kind(), DeliveryStatus.QUEUED, tx.now(), actor.user()));
            tx.afterCommit(dispatcher::wakeUp);
            return q;
        });
        return requeued;
    }

    @Override
    public Optional<OutboxMessage> reportDelivery(String providerMessageId, DeliveryStatus status, @Nullable String detail) {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        if (status != DeliveryStatus.DELIVERED && status != DeliveryStatus.FAILED) {
            throw ValidationException.of("status", "not_a_report", "must be DELIVERED or FAILED but was " + status);
        }
        Checks checks = new Checks();
        String d = checks.optional("detail", detail, 500);
        checks.throwIfAny();
        return engine.write(tx -> tx.repos().outbox().findByProviderMessageId(providerMessageId).map(m -> {
            OutboxMessage reported = m.reported(status, Optional.ofNullable(d), tx.now());
            tx.repos().outbox().update(reported);
            MessageChanges.record(tx, AuditSource.API, actor.user(), m, reported);
            tx.repos().interactions().updateDelivery(m.interactionId(), status, Optional.of(providerMessageId));
            tx.raise(new MessageEvent.StatusChanged(m.id(), m.customerId(), m.kind(), status, tx.now(), actor.user()));
            return reported;
        }));
    }
}
