package io.crmkit.core.internal.webhook;

import io.crmkit.core.Checks;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.event.EventRecord;
import io.crmkit.core.event.EventSink;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.webhook.NewWebhookEndpoint;
import io.crmkit.core.webhook.WebhookAttempt;
import io.crmkit.core.webhook.WebhookDelivery;
import io.crmkit.core.webhook.WebhookEndpoint;
import io.crmkit.core.webhook.WebhookEndpointId;
import io.crmkit.core.webhook.WebhookEndpointStatus;
import io.crmkit.core.webhook.WebhookEvent;
import io.crmkit.core.webhook.WebhookRepository;
import io.crmkit.core.webhook.WebhookSecret;
import io.crmkit.core.webhook.WebhookService;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Webhooks, each call one transaction. Every call but {@link #sink()} and {@link #deliverPending()} (the CRM's own
 * work) needs {@link AccessLevel#ALL} on {@link RecordKind#WEBHOOK_ENDPOINT} for its action.
 */
public final class TransactionalWebhookService implements WebhookService {
    /** {@code customer.updated}, {@code service_case.*}. */
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]*\\.(\\*|[a-z][a-z0-9_]*)");
    /** How many deliveries one page of a period's replay reads. */
    private static final int REPLAY_PAGE = 500;

    private final Engine engine;
    private final Actor actor;
    private final Guard guard;

    public TransactionalWebhookService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
    }

    private WebhookDispatcher dispatcher() {
        return engine.component(WebhookDispatcher.class);
    }

    private void allow(Action action, String what) {
        if (guard.level(RecordKind.WEBHOOK_ENDPOINT, action) != AccessLevel.ALL) {
            throw guard.denied(action, RecordKind.WEBHOOK_ENDPOINT, what);
        }
    }

    @Override
    public WebhookEndpoint register(NewWebhookEndpoint form) {
        Objects.requireNonNull(form, "form");
        allow(Action.CREATE, "webhook endpoints");
        Checks checks = new Checks();
        String url = url(checks, form.url());
        Set<String> types = eventTypes(checks, form.eventTypes());
        String description = checks.optional("description", form.description().orElse(null), WebhookEndpoint.MAX_DESCRIPTION);
        checks.throwIfAny();
        return engine.write(tx -> {
            Instant now = tx.now();
            WebhookEndpoint endpoint = new WebhookEndpoint(new WebhookEndpointId(Ids.uuid7(engine.clock())),
                    Objects.requireNonNull(url, "url"), Optional.ofNullable(description), types,
                    form.secret().orElseGet(WebhookSecret::generate), Optional.empty(), Optional.empty(),
                    WebhookEndpointStatus.ENABLED, Optional.empty(), Optional.empty(), now, now, 1);
            tx.repos().webhooks().insertEndpoint(endpoint);
            tx.raise(new WebhookEvent.Registered(endpoint.id(), endpoint.url(), endpoint.version(), now, actor.user()));
            return endpoint;
        });
    }

    /** The URL, checked for form and by the transport's guard; null with a violation. */
    private @org.jspecify.annotations.Nullable String url(Checks checks, String url) {
        String trimmed = checks.required("url", url, WebhookEndpoint.MAX_URL);
        if (trimmed == null || !checks.httpUrl("url", trimmed)) {
            return null;
        }
        try {
            Optional<String> refused = dispatcher().settings().guard().refusal(new URI(trimmed));
            refused.ifPresent(why -> checks.add("url", "refused", why));
            return refused.isPresent() ? null : trimmed;
        } catch (URISyntaxException e) {
            checks.add("url", "format", "must be an absolute https URL");
            return null;
        }
    }

    private static Set<String> eventTypes(Checks checks, Set<String> types) {
        checks.require(types.size() <= WebhookEndpoint.MAX_EVENT_TYPES, "eventTypes", "too_many",
                "at most " + WebhookEndpoint.MAX_EVENT_TYPES + " event types");
        Set<String> valid = new LinkedHashSet<>();
        for (String type : types) {
            if (type.length() <= EventRecord.MAX_TYPE && EVENT_TYPE.matcher(type).matches()) {
                valid.add(type);
            } else {
                checks.add("eventTypes", "format", "is not an event type such as customer.updated or customer.*: "
                        + type);
            }
        }
        return valid;
    }

    @Override
    public Optional<WebhookEndpoint> get(WebhookEndpointId id) {
        Objects.requireNonNull(id, "id");
        allow(Action.READ, "webhook endpoint " + id);
        return engine.read(r -> r.webhooks().findEndpoint(id));
    }

    @Override
    public Page<WebhookEndpoint> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        allow(Action.READ, "webhook endpoints");
        return engine.read(r -> r.webhooks().endpoints(page));
    }

    @Override
    public WebhookEndpoint changeUrl(WebhookEndpointId id, String url) {
        Objects.requireNonNull(url, "url");
        // the right first: checking the URL resolves it, and its message would tell anyone what a name resolves to
        allow(Action.EDIT, "webhook endpoint " + id);
        Checks checks = new Checks();
        String checked = url(checks, url);
        checks.throwIfAny();
        String valid = Objects.requireNonNull(checked, "url"); // null only with a violation
        return change(id, (e, now) -> e.withUrl(valid, now));
    }

    @Override
    public WebhookEndpoint changeEventTypes(WebhookEndpointId id, Set<String> eventTypes) {
        Objects.requireNonNull(eventTypes, "eventTypes");
        Checks checks = new Checks();
        Set<String> valid = eventTypes(checks, eventTypes);
        checks.throwIfAny();
        return change(id, (e, now) -> e.withEventTypes(valid, now));
    }

    @Override
    public WebhookEndpoint rotateSecret(WebhookEndpointId id) {
        return rotateSecret(id, WebhookSecret.generate());
    }

    @Override
    public WebhookEndpoint rotateSecret(WebhookEndpointId id, WebhookSecret next) {
        Objects.requireNonNull(next, "next");
        return change(id, (e, now) -> e.rotated(next, now.plus(dispatcher().settings().secretGrace()), now));
    }

    @Override
    public WebhookEndpoint disable(WebhookEndpointId id, String reason) {
        String why = Checks.requireText("reason", reason, WebhookEndpoint.MAX_REASON);
        return switchTo(false, id, (e, now) -> e.disabled(why, now),
                (e, now) -> new WebhookEvent.Disabled(id, why, e.version(), now, actor.user()));
    }

    @Override
    public WebhookEndpoint enable(WebhookEndpointId id) {
        return switchTo(true, id, (e, now) -> e.enabled(now),
                (e, now) -> new WebhookEvent.Enabled(id, e.version(), now, actor.user()));
    }

    /** Enables or disables an endpoint, raising {@code event} of the changed one; unchanged if it already is. */
    private WebhookEndpoint switchTo(boolean enabled, WebhookEndpointId id,
                                     BiFunction<WebhookEndpoint, Instant, WebhookEndpoint> change,
                                     BiFunction<WebhookEndpoint, Instant, WebhookEvent> event) {
        return engine.write(tx -> {
            WebhookEndpoint e = load(tx.repos().webhooks(), id, Action.EDIT);
            if (e.isEnabled() == enabled) {
                return e;
            }
            WebhookEndpoint changed = change.apply(e, tx.now());
            tx.repos().webhooks().updateEndpoint(changed);
            tx.raise(event.apply(changed, tx.now()));
            return changed;
        });
    }

    private WebhookEndpoint change(WebhookEndpointId id, BiFunction<WebhookEndpoint, Instant, WebhookEndpoint> change) {
        return engine.write(tx -> {
            WebhookEndpoint changed = change.apply(load(tx.repos().webhooks(), id, Action.EDIT), tx.now());
            tx.repos().webhooks().updateEndpoint(changed);
            return changed;
        });
    }

    private WebhookEndpoint load(WebhookRepository repo, WebhookEndpointId id, Action action) {
        Objects.requireNonNull(id, "id");
        allow(action, "webhook endpoint " + id);
        return repo.requireEndpoint(id);
    }

    @Override
    public Page<WebhookDelivery> deliveries(WebhookEndpointId id, PageRequest page) {
        Objects.requireNonNull(page, "page");
        return engine.read(r -> r.webhooks().deliveries(load(r.webhooks(), id, Action.READ).id(), page));
    }

    @Override
    public Page<WebhookDelivery> deliveriesOfEvent(UUID eventId, PageRequest page) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(page, "page");
        allow(Action.READ, "webhook deliveries");
        return engine.read(r -> r.webhooks().deliveriesOfEvent(eventId, page));
    }

    @Override
    public Page<WebhookAttempt> attempts(WebhookEndpointId id, PageRequest page) {
        Objects.requireNonNull(page, "page");
        return engine.read(r -> r.webhooks().attempts(load(r.webhooks(), id, Action.READ).id(), page));
    }

    @Override
    public Page<WebhookAttempt> attemptsOfEvent(UUID eventId, PageRequest page) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(page, "page");
        allow(Action.READ, "webhook deliveries");
        return engine.read(r -> r.webhooks().attemptsOfEvent(eventId, page));
    }

    @Override
    public WebhookDelivery replay(WebhookEndpointId id, UUID eventId) {
        Objects.requireNonNull(eventId, "eventId");
        WebhookDelivery replayed = engine.write(tx -> {
            WebhookRepository repo = tx.repos().webhooks();
            WebhookEndpoint endpoint = enabledForReplay(repo, id);
            EventRecord event = repo.deliveriesOfEvent(eventId, PageRequest.first(1)).items().stream().findFirst()
                    .map(WebhookDelivery::event)
                    .orElseThrow(() -> new NotFoundException("no webhook delivery holds event " + eventId));
            WebhookDelivery delivery = WebhookDelivery.pending(Ids.uuid7(engine.clock()), endpoint.id(), event, true,
                    tx.now());
            repo.insertDeliveries(List.of(delivery));
            return delivery;
        });
        dispatcher().wakeUp();
        return replayed;
    }

    @Override
    public int replay(WebhookEndpointId id, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw ValidationException.of("to", "order", "must be after from");
        }
        int count = engine.write(tx -> {
            WebhookRepository repo = tx.repos().webhooks();
            WebhookEndpoint endpoint = enabledForReplay(repo, id);
            Set<UUID> seen = new LinkedHashSet<>();
            List<WebhookDelivery> replays = new ArrayList<>();
            Optional<PageRequest> next = Optional.of(PageRequest.first(REPLAY_PAGE));
            while (next.isPresent()) {
                Page<WebhookDelivery> page = repo.fannedOutBetween(endpoint.id(), from, to, next.get());
                for (WebhookDelivery d : page.items()) {
                    if (seen.add(d.event().id())) {
                        replays.add(WebhookDelivery.pending(Ids.uuid7(engine.clock()), endpoint.id(), d.event(), true,
                                tx.now()));
                    }
                }
                next = next.get().next(page);
            }
            repo.insertDeliveries(replays);
            return replays.size();
        });
        if (count > 0) {
            dispatcher().wakeUp();
        }
        return count;
    }

    private WebhookEndpoint enabledForReplay(WebhookRepository repo, WebhookEndpointId id) {
        WebhookEndpoint endpoint = load(repo, id, Action.EDIT);
        if (!endpoint.isEnabled()) {
            throw ValidationException.of("endpoint", "disabled", "webhook endpoint " + id
                    + " is disabled; enable it before replaying to it");
        }
        return endpoint;
    }

    @Override
    public EventSink sink() {
        return new WebhookFanOut(engine, dispatcher());
    }

    @Override
    public int deliverPending() {
        return dispatcher().deliverPending();
    }
}
