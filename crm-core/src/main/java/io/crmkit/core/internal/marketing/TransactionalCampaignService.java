package io.crmkit.core.internal.marketing;

import io.crmkit.core.Checks;
import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.customer.Consent;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.internal.messaging.TransactionalMessagingService;
import io.crmkit.core.marketing.Attribution;
import io.crmkit.core.marketing.AttributionModel;
import io.crmkit.core.marketing.Campaign;
import io.crmkit.core.marketing.CampaignEdit;
import io.crmkit.core.marketing.CampaignEvent;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.marketing.CampaignMember;
import io.crmkit.core.marketing.CampaignQuery;
import io.crmkit.core.marketing.CampaignResults;
import io.crmkit.core.marketing.CampaignService;
import io.crmkit.core.marketing.CampaignStatus;
import io.crmkit.core.marketing.CampaignTouch;
import io.crmkit.core.marketing.MarketingSettings;
import io.crmkit.core.marketing.MemberConversion;
import io.crmkit.core.marketing.MemberCounts;
import io.crmkit.core.marketing.MemberStatus;
import io.crmkit.core.marketing.NewCampaign;
import io.crmkit.core.marketing.Segment;
import io.crmkit.core.marketing.SendReport;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessageResult;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.messaging.MessagingService;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.workflow.StatusChange;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Campaigns, their members, sending and results, each call one transaction (member additions and sends one per
 * batch or member), checked by the acting user's {@link Guard}. Other features are read only through
 * {@code tx.repos()}; messages go out through the messaging service acting as the same user.
 */
public final class TransactionalCampaignService implements CampaignService {
    private final Engine engine;
    private final Actor actor;
    private final Guard guard;
    private final MessagingService messaging;

    public TransactionalCampaignService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
        this.messaging = new TransactionalMessagingService(engine, actor);
    }

    private MarketingSettings settings() {
        return engine.component(MarketingConfig.class).settings();
    }

    /** The validated fields shared by the creation and the edit forms. */
    private record Fields(String name, LocalDate start, LocalDate end, BigDecimal budget, Currency currency,
                          Optional<MessageTemplate> template) {
    }

    private static @Nullable Fields fields(Checks checks, @Nullable String name, ChannelKind channel,
                                           @Nullable LocalDate start, @Nullable LocalDate end,
                                           @Nullable BigDecimal budget, @Nullable String currency,
                                           Optional<MessageTemplate> template) {
        String n = checks.required("name", name, Campaign.MAX_NAME);
        boolean datesOk = date(checks, "startDate", start) & date(checks, "endDate", end);
        if (datesOk && start != null && end != null) {
            checks.require(!end.isBefore(start), "endDate", "before_start", "must be on or after the start date " + start);
            checks.require(ChronoUnit.DAYS.between(start, end) < Campaign.MAX_DAYS, "endDate", "too_long",
                    "the period must be at most " + Campaign.MAX_DAYS + " days");
        }
        BigDecimal b = checks.amount("budget", budget, Campaign.MAX_SCALE, Campaign.MAX_INTEGER_DIGITS);
        if (b != null && b.scale() > Campaign.MAX_SCALE) { // trailing zeros beyond the decimals kept
            b = b.setScale(Campaign.MAX_SCALE, RoundingMode.UNNECESSARY);
        }
        Currency c = checks.currency("currency", currency);
        Optional<MessageTemplate> t = template.map(x -> template(checks, channel, x));
        return n == null || start == null || end == null || b == null || c == null || !checks.ok() ? null
                : new Fields(n, start, end, b, c, t);
    }

    private static boolean date(Checks checks, String field, @Nullable LocalDate date) {
        if (date == null) {
            checks.add(field, "required", "must be given");
            return false;
        }
        return checks.require(date.getYear() >= Campaign.MIN_YEAR && date.getYear() <= Campaign.MAX_YEAR, field,
                "range", "must be in the years " + Campaign.MIN_YEAR + " to " + Campaign.MAX_YEAR);
    }

    private static MessageTemplate template(Checks checks, ChannelKind channel, MessageTemplate t) {
        String subject = checks.optional("template.subject", t.subject().orElse(null), Campaign.MAX_TEMPLATE_SUBJECT);
        checks.require(channel != ChannelKind.EMAIL || subject != null, "template.subject", "required",
                "an email campaign's template needs a subject");
        String text = checks.multiline("template.text", t.text(), Campaign.MAX_TEMPLATE_TEXT);
        checks.require(text != null || !t.text().isBlank(), "template.text", "required", "must not be blank");
        checks.multiline("template.html", t.html().orElse(null), Campaign.MAX_TEMPLATE_TEXT);
        return t;
    }

    @Override
    public Campaign create(NewCampaign in) {
        Objects.requireNonNull(in, "campaign");
        Checks checks = new Checks();
        Fields f = fields(checks, in.name(), in.channel(), in.startDate(), in.endDate(), in.budget(), in.currency(),
                in.template());
        checks.throwIfAny();
        Fields fields = Objects.requireNonNull(f, "fields"); // null only with a violation
        var owner = in.owner().orElse(actor.user());
        return engine.write(tx -> {
            guard.requireCreate(RecordKind.CAMPAIGN, Optional.of(owner), in.department(), "a campaign");
            CampaignId id = new CampaignId(Ids.uuid7(engine.clock()));
            Campaign c = new Campaign(id, fields.name(), in.channel(), fields.start(), fields.end(), fields.budget(),
                    fields.currency(), engine.workflow(CampaignStatus.class).initial(), owner, in.department(),
                    fields.template(), tx.now(), tx.now(), 1, List.of());
            tx.repos().campaigns().insert(c);
            CampaignChanges.record(tx, actor.user(), AuditAction.CREATE, null, c);
            tx.raise(new CampaignEvent.Created(id, tx.now(), actor.user()));
            return c;
        });
    }

    @Override
    public Optional<Campaign> get(CampaignId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> repos.campaigns().findById(id).filter(c -> guard.permits(c, Action.READ)));
    }

    @Override
    public Campaign update(CampaignEdit edit) {
        Objects.requireNonNull(edit, "edit");
        Checks checks = new Checks();
        Fields f = fields(checks, edit.name(), edit.channel(), edit.startDate(), edit.endDate(), edit.budget(),
                edit.currency(), edit.template());
        checks.throwIfAny();
        Fields fields = Objects.requireNonNull(f, "fields"); // null only with a violation
        return change(edit.id(), AuditAction.UPDATE, (current, tx) -> {
            if (current.version() != edit.baseVersion()) {
                throw new ConflictException("campaign " + edit.id() + " was changed by someone else (version "
                        + current.version() + ", edit based on " + edit.baseVersion() + "); reload and retry");
            }
            boolean prepared = current.status() == CampaignStatus.DRAFT || current.status() == CampaignStatus.SCHEDULED;
            Checks locked = new Checks();
            locked.require(prepared || edit.channel() == current.channel(), "channel", "locked",
                    "changes only while the campaign is a draft or scheduled, not " + current.status());
            locked.require(prepared || fields.template().equals(current.template()), "template", "locked",
                    "changes only while the campaign is a draft or scheduled, not " + current.status());
            locked.throwIfAny();
            Campaign changed = current.edit(fields.name(), edit.channel(), fields.start(), fields.end(), fields.budget(),
                    fields.currency(), edit.owner(), edit.department(), fields.template(), tx.now());
            if (!guard.permits(changed, Action.EDIT)) {
                throw guard.denied(Action.EDIT, RecordKind.CAMPAIGN, "campaign " + edit.id()
                        + " so that it leaves their reach (owner " + changed.owner().id() + ")");
            }
            tx.raise(new CampaignEvent.Updated(changed.id(), changed.version(), tx.now(), actor.user()));
            return changed;
        });
    }

    @Override
    public Campaign transition(CampaignId id, CampaignStatus to, @Nullable String comment) {
        Objects.requireNonNull(to, "to");
        String c = Checks.optionalMultiline("comment", comment, StatusChange.MAX_COMMENT);
        return change(id, AuditAction.TRANSITION, (current, tx) -> {
            Campaign moved = current.transition(engine.workflow(CampaignStatus.class), to, actor.user(), tx.now(),
                    Optional.ofNullable(c));
            tx.raise(new CampaignEvent.StatusChanged(id, current.status(), to, tx.now(), actor.user()));
            return moved;
        });
    }

    private Campaign change(CampaignId id, AuditAction action, BiFunction<Campaign, Engine.Tx, Campaign> change) {
        Objects.requireNonNull(id, "id");
        return engine.change(r -> guard.require(r.campaigns().require(id), Action.EDIT), change,
                (r, changed) -> r.campaigns().update(changed),
                (tx, before, after) -> CampaignChanges.record(tx, actor.user(), action, before, after));
    }

    @Override
    public Page<Campaign> search(CampaignQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        AccessScope scope = guard.scope(RecordKind.CAMPAIGN, Action.READ);
        return scope.isNothing() ? Page.last(List.of()) : engine.read(repos -> repos.campaigns().search(query, scope, page));
    }

    /** The campaign if the actor may do {@code action} to it. */
    private Campaign reachable(Repositories repos, CampaignId id, Action action) {
        return guard.require(repos.campaigns().require(id), action);
    }

    /** A campaign that takes members: not completed or cancelled. */
    private Campaign open(Repositories repos, CampaignId id) {
        Campaign c = reachable(repos, id, Action.EDIT);
        if (c.status() == CampaignStatus.COMPLETED || c.status() == CampaignStatus.CANCELLED) {
            throw ValidationException.of("status", "closed", "campaign " + id + " is " + c.status()
                    + " and takes no members");
        }
        return c;
    }

    @Override
    public int addMembers(CampaignId campaign, Segment segment) {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(segment, "segment");
        Campaign c = engine.read(repos -> open(repos, campaign));
        AccessScope readable = guard.scope(RecordKind.CUSTOMER, Action.READ);
        if (readable.isNothing()) {
            return 0;
        }
        int batch = settings().batchSize();
        int added = 0;
        PageRequest page = PageRequest.first(batch);
        while (true) {
            PageRequest request = page;
            Page<Customer> found = engine.read(repos -> repos.customers().search(segment.customers(), readable, request));
            List<Customer> matching = found.items().stream().filter(x -> matches(segment, c.channel(), x)).toList();
            List<CustomerId> ids = matching.stream().map(Customer::id).toList();
            if (segment.needsPurchases() && !ids.isEmpty()) {
                List<CustomerId> candidates = ids;
                Map<CustomerId, Instant> last = engine.read(repos -> repos.campaigns().lastPurchases(candidates));
                ids = ids.stream().filter(id -> segment.purchaseMatches(Optional.ofNullable(last.get(id)))).toList();
            }
            added += store(campaign, ids);
            Optional<PageRequest> next = page.next(found);
            if (next.isEmpty()) {
                return added;
            }
            page = next.get();
        }
    }

    private static boolean matches(Segment segment, ChannelKind channel, Customer c) {
        return c.tags().containsAll(segment.tags())
                && (!segment.optedInOnly() || c.consent(channel.consentChannel()).map(k -> k.status() == ConsentStatus.OPTED_IN)
                .orElse(false));
    }

    @Override
    public int addMembers(CampaignId campaign, Collection<CustomerId> customers) {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(customers, "customers");
        engine.read(repos -> open(repos, campaign));
        List<CustomerId> all = new ArrayList<>(new LinkedHashSet<>(customers));
        AccessScope scope = guard.scope(RecordKind.CUSTOMER, Action.READ);
        int batch = settings().batchSize();
        int added = 0;
        for (int from = 0; from < all.size(); from += batch) {
            List<CustomerId> chunk = all.subList(from, Math.min(all.size(), from + batch));
            List<CustomerId> readable = engine.read(repos -> chunk.stream()
                    .filter(id -> repos.customers().findById(id).filter(c -> !c.isArchived()
                            && (scope.admits(c.owner(), c.department()) // the department tree walked once, shares asked only when needed
                            || guard.permits(repos, c, RecordKind.CUSTOMER, Action.READ))).isPresent())
                    .toList());
            added += store(campaign, readable);
        }
        return added;
    }

    /** Adds one batch in one transaction, checking the campaign again in it. */
    private int store(CampaignId campaign, List<CustomerId> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return engine.write(tx -> {
            Campaign c = open(tx.repos(), campaign);
            List<CampaignMember> members = ids.stream().map(id -> CampaignMember.targeted(c.id(), id, tx.now())).toList();
            int n = tx.repos().campaigns().addMembers(members);
            if (n > 0) {
                tx.audit(actor.user(), RecordKind.CAMPAIGN, c.id().value(), AuditAction.UPDATE,
                        () -> List.of(new AuditChain.Change("membersAdded", Optional.empty(), Optional.of(Integer.toString(n)))));
                tx.raise(new CampaignEvent.MembersAdded(c.id(), n, tx.now(), actor.user()));
            }
            return n;
        });
    }

    @Override
    public Page<CampaignMember> members(CampaignId campaign, PageRequest page) {
        return members(campaign, Optional.empty(), page);
    }

    @Override
    public Page<CampaignMember> members(CampaignId campaign, MemberStatus status, PageRequest page) {
        return members(campaign, Optional.of(Objects.requireNonNull(status, "status")), page);
    }

    private Page<CampaignMember> members(CampaignId campaign, Optional<MemberStatus> status, PageRequest page) {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(page, "page");
        return engine.read(repos -> {
            reachable(repos, campaign, Action.READ);
            return repos.campaigns().members(campaign, status, page);
        });
    }

    @Override
    public Optional<CampaignMember> member(CampaignId campaign, CustomerId customer) {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(customer, "customer");
        return engine.read(repos -> repos.campaigns().findById(campaign).filter(c -> guard.permits(c, Action.READ))
                .flatMap(c -> repos.campaigns().findMember(campaign, customer)));
    }

    @Override
    public SendReport send(CampaignId campaign) {
        Objects.requireNonNull(campaign, "campaign");
        Campaign c = engine.read(repos -> reachable(repos, campaign, Action.EDIT));
        if (!c.status().maySend()) {
            throw ValidationException.of("status", "not_sending", "campaign " + campaign + " is " + c.status()
                    + "; only a scheduled or running campaign sends");
        }
        MessageTemplate template = c.template().orElseThrow(() -> ValidationException.of("template", "required",
                "campaign " + campaign + " has no template to send"));
        MarketingSettings settings = settings();
        int[] counts = new int[3];
        PageRequest page = PageRequest.first(settings.batchSize());
        sending:
        while (true) {
            PageRequest request = page;
            Page<CampaignMember> targeted = engine.read(repos -> repos.campaigns().members(campaign,
                    Optional.of(MemberStatus.TARGETED), request));
            for (CampaignMember m : targeted.items()) {
                MemberStatus outcome = sendOneRetrying(c, template, m.customerId(), settings);
                if (outcome == null) {
                    break sending; // paused, completed or cancelled meanwhile
                }
                if (outcome == MemberStatus.SENT) {
                    counts[0]++;
                } else if (outcome == MemberStatus.FAILED) {
                    counts[1]++;
                } else if (outcome == MemberStatus.OPTED_OUT) {
                    counts[2]++;
                }
            }
            Optional<PageRequest> next = page.next(targeted);
            if (next.isEmpty()) {
                break;
            }
            page = next.get();
        }
        return new SendReport(counts[0], counts[1], counts[2]);
    }

    /**
     * Sends to one member, retrying once when another send raced it (to start the campaign or to the same member):
     * the retry finds the campaign running or the member sent.
     */
    private @Nullable MemberStatus sendOneRetrying(Campaign c, MessageTemplate template, CustomerId customerId,
                                                   MarketingSettings settings) {
        try {
            return sendOne(c, template, customerId, settings);
        } catch (ConflictException raced) {
            return sendOne(c, template, customerId, settings);
        }
    }

    /**
     * Sends to one member in one transaction and returns the status it moved to (TARGETED if another send did it), or
     * null if the campaign no longer sends. A scheduled campaign moves to running in the transaction of the first
     * member it reaches, so a send that fails on it leaves the campaign scheduled.
     */
    private @Nullable MemberStatus sendOne(Campaign c, MessageTemplate template, CustomerId customerId,
                                           MarketingSettings settings) {
        return engine.write(tx -> {
            Campaign now = tx.repos().campaigns().require(c.id());
            if (!now.status().maySend()) {
                return null;
            }
            Optional<CampaignMember> current = tx.repos().campaigns().findMember(c.id(), customerId);
            if (current.isEmpty() || current.get().status() != MemberStatus.TARGETED) {
                return MemberStatus.TARGETED;
            }
            if (now.status() == CampaignStatus.SCHEDULED) {
                Campaign moved = now.transition(engine.workflow(CampaignStatus.class), CampaignStatus.RUNNING,
                        actor.user(), tx.now(), Optional.of("started by its first send"));
                tx.repos().campaigns().update(moved);
                CampaignChanges.record(tx, actor.user(), AuditAction.TRANSITION, now, moved);
                tx.raise(new CampaignEvent.StatusChanged(c.id(), now.status(), moved.status(), tx.now(), actor.user()));
            }
            CampaignMember m = current.get();
            Optional<Customer> customer = tx.repos().customers().findById(customerId);
            String refusal = null;
            MemberStatus to = MemberStatus.FAILED;
            CampaignMember moved;
            if (customer.isEmpty()) {
                refusal = "the customer no longer exists";
            } else {
                refusal = refusal(c.channel(), customer.get(), settings, tx.repos());
                if (refusal != null && customer.get().hasOptedOut(c.channel().consentChannel())) {
                    to = MemberStatus.OPTED_OUT;
                }
            }
            if (refusal != null) {
                moved = m.moveTo(to, tx.now(), Optional.empty(), Optional.of(cut(refusal)));
            } else {
                MessageResult sent = messaging.send(request(c, template, customerId));
                if (sent.refused()) { // an SMS to a fixed line: consent and archiving were checked above
                    String why = sent.reason().orElse("refused");
                    moved = m.moveTo(to, tx.now(), Optional.of(sent.messageId()), Optional.of(cut(why)));
                } else {
                    to = MemberStatus.SENT;
                    moved = m.moveTo(to, tx.now(), Optional.of(sent.messageId()), Optional.empty());
                }
            }
            tx.repos().campaigns().updateMember(moved);
            tx.raise(new CampaignEvent.MembersChanged(c.id(), to, 1, tx.now(), actor.user()));
            return to;
        });
    }

    /** Why the member is not sent to, if it is not. */
    private @Nullable String refusal(ChannelKind channel, Customer customer, MarketingSettings settings, Repositories repos) {
        Optional<Consent> consent = customer.consent(channel.consentChannel());
        if (customer.isArchived()) {
            return "the customer is archived";
        }
        if (consent.isPresent() && consent.get().optedOut()) {
            return "opted out of " + channel.consentChannel() + " on " + consent.get().at() + " (" + consent.get().source() + ")";
        }
        if (settings.requireOptIn() && consent.isEmpty()) {
            return "no consent to " + channel.consentChannel() + " on record";
        }
        boolean address = channel == ChannelKind.EMAIL ? customer.primaryEmail().isPresent() : customer.primaryPhone().isPresent();
        if (!address) {
            return channel == ChannelKind.EMAIL ? "no email address" : "no phone number";
        }
        if (!guard.permits(repos, customer, RecordKind.MESSAGE, Action.CREATE)) {
            return guard.deniedMessage(Action.CREATE, RecordKind.MESSAGE, "customer " + customer.id());
        }
        return null;
    }

    private static String cut(String reason) {
        return reason.codePointCount(0, reason.length()) <= CampaignMember.MAX_REASON ? reason
                : reason.substring(0, reason.offsetByCodePoints(0, CampaignMember.MAX_REASON));
    }

    /** The message to one member: the campaign's template, its idempotency key, a link to the campaign. */
    static MessageRequest request(Campaign c, MessageTemplate template, CustomerId customer) {
        MessageRequest r = switch (c.channel()) {
            case EMAIL -> MessageRequest.email(customer);
            case SMS -> MessageRequest.sms(customer);
            case VOICE -> MessageRequest.voice(customer);
        };
        return r.template(template).variable("campaign", c.name()).idempotencyKey(idempotencyKey(c.id(), customer))
                .link(new RecordLink(RecordLink.Type.CAMPAIGN, c.id().value()));
    }

    /** The idempotency key of a campaign's message to a member. */
    static String idempotencyKey(CampaignId campaign, CustomerId customer) {
        return "campaign:" + campaign + ":" + customer;
    }

    @Override
    public CampaignMember markResponded(CampaignId campaign, CustomerId customer) {
        return mark(campaign, customer, MemberStatus.RESPONDED);
    }

    @Override
    public CampaignMember markConverted(CampaignId campaign, CustomerId customer) {
        return mark(campaign, customer, MemberStatus.CONVERTED);
    }

    private CampaignMember mark(CampaignId campaign, CustomerId customer, MemberStatus to) {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(customer, "customer");
        return engine.write(tx -> {
            reachable(tx.repos(), campaign, Action.EDIT);
            CampaignMember m = tx.repos().campaigns().findMember(campaign, customer)
                    .orElseThrow(() -> new NotFoundException("customer " + customer + " is no member of campaign " + campaign));
            if (m.status() == to) {
                return m;
            }
            CampaignMember moved = m.status() == MemberStatus.CONVERTED ? m.reach(to, tx.now())
                    : m.moveTo(to, tx.now(), Optional.empty(), Optional.empty());
            tx.repos().campaigns().updateMember(moved);
            tx.audit(actor.user(), RecordKind.CAMPAIGN, campaign.value(), AuditAction.UPDATE, () -> List.of(
                    new AuditChain.Change("member." + customer, Optional.of(m.status().name()), Optional.of(to.name()))));
            tx.raise(new CampaignEvent.MembersChanged(campaign, to, 1, tx.now(), actor.user()));
            return moved;
        });
    }

    @Override
    public CampaignResults results(CampaignId campaign) {
        Objects.requireNonNull(campaign, "campaign");
        MarketingSettings settings = settings();
        Set<MemberStatus> responded = settings.respondedStatuses();
        return engine.read(repos -> {
            Campaign c = reachable(repos, campaign, Action.READ);
            MemberCounts counts = repos.campaigns().countMembers(campaign, responded);
            List<MemberConversion> conversions = repos.campaigns().conversions(campaign, settings.conversionWindow(), responded);
            Set<CustomerId> newlyConverted = new HashSet<>();
            Set<CustomerId> newlyResponded = new HashSet<>();
            Map<Currency, BigDecimal> revenue = new HashMap<>();
            for (MemberConversion x : conversions) {
                if (!x.converted()) {
                    newlyConverted.add(x.customerId());
                }
                if (!x.responded() && responded.contains(MemberStatus.CONVERTED)) {
                    newlyResponded.add(x.customerId());
                }
                revenue.merge(x.currency(), x.amount(), BigDecimal::add);
            }
            long respondedCount = counts.responded() + newlyResponded.size();
            Optional<BigDecimal> cost = respondedCount == 0 ? Optional.empty()
                    : Optional.of(c.budget().divide(BigDecimal.valueOf(respondedCount), 4, RoundingMode.HALF_EVEN));
            return new CampaignResults(counts.members(), counts.sent(), counts.delivered(), counts.failed(),
                    respondedCount, counts.optedOut(), counts.converted() + newlyConverted.size(), cost, revenue);
        });
    }

    @Override
    public Attribution attribute(AttributionModel model, Instant from, Instant to) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw ValidationException.of("to", "before_from", "must be after from " + from);
        }
        AccessScope purchases = guard.scope(RecordKind.PURCHASE, Action.READ);
        if (purchases.isNothing()) {
            return new Attribution(model, from, to, List.of(), 0);
        }
        Duration window = settings().conversionWindow();
        int batch = settings().batchSize();
        return engine.read(repos -> {
            Map<List<Object>, BigDecimal> revenue = new HashMap<>();
            Map<List<Object>, Long> touches = new HashMap<>();
            // Credit is shared over every touch, seen or not, so a campaign's figures are the same for every actor;
            // only the actor's campaigns are listed, and only purchases crediting one of them are counted.
            Map<CampaignId, Boolean> readable = new HashMap<>();
            long conversions = 0;
            PageRequest page = PageRequest.first(batch);
            while (true) {
                Page<Purchase> found = repos.purchases().search(PurchaseQuery.all().between(from, to), purchases, page);
                Set<CustomerId> buyers = new HashSet<>();
                found.items().forEach(p -> buyers.add(p.customerId()));
                Map<CustomerId, List<CampaignTouch>> byCustomer = new HashMap<>();
                if (!buyers.isEmpty()) {
                    for (CampaignTouch t : repos.campaigns().touches(buyers, from.minus(window), to)) {
                        byCustomer.computeIfAbsent(t.customerId(), k -> new ArrayList<>()).add(t);
                    }
                }
                for (Purchase p : found.items()) {
                    List<CampaignTouch> before = byCustomer.getOrDefault(p.customerId(), List.of()).stream()
                            .filter(t -> !t.at().isAfter(p.occurredAt()) && t.at().isAfter(p.occurredAt().minus(window)))
                            .sorted(Comparator.comparing(CampaignTouch::at).thenComparing(t -> t.campaignId().value()))
                            .toList();
                    if (before.isEmpty()) {
                        continue;
                    }
                    List<BigDecimal> weights = model.weights(before.size());
                    boolean credited = false;
                    for (int i = 0; i < before.size(); i++) {
                        CampaignId campaign = before.get(i).campaignId();
                        if (weights.get(i).signum() == 0 || !readable.computeIfAbsent(campaign, x -> repos.campaigns()
                                .findById(x).map(c -> guard.permits(c, Action.READ)).orElse(false))) {
                            continue; // first and last touch credit one touch only
                        }
                        credited = true;
                        List<Object> key = List.of(campaign, p.currency());
                        revenue.merge(key, p.amount().multiply(weights.get(i)), BigDecimal::add);
                        touches.merge(key, 1L, Long::sum);
                    }
                    conversions += credited ? 1 : 0;
                }
                Optional<PageRequest> next = page.next(found);
                if (next.isEmpty()) {
                    break;
                }
                page = next.get();
            }
            TreeMap<String, Attribution.Row> rows = new TreeMap<>();
            revenue.forEach((key, sum) -> {
                CampaignId id = (CampaignId) key.get(0);
                Currency currency = (Currency) key.get(1);
                rows.put(id.value() + "/" + currency.getCurrencyCode(), new Attribution.Row(id, currency,
                        sum.setScale(Attribution.SCALE, RoundingMode.HALF_EVEN), touches.getOrDefault(key, 0L)));
            });
            return new Attribution(model, from, to, new ArrayList<>(rows.values()), conversions);
        });
    }
}
