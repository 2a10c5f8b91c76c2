package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.policy.Cadence;
import io.crmkit.core.policy.CommunicationPolicy;
import io.crmkit.core.policy.DueContact;
import io.crmkit.core.policy.DueQuery;
import io.crmkit.core.policy.PauseWindow;
import io.crmkit.core.policy.PolicyContact;
import io.crmkit.core.policy.PolicyEffectiveness;
import io.crmkit.core.policy.PolicyId;
import io.crmkit.core.policy.PolicyRepository;
import io.crmkit.core.policy.PressureCounts;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseStatus;
import io.crmkit.core.spi.Cursor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Policies by id; their contacts by a key made of policy, customer and due date (a lookup key: the policy); pause
 * windows by id. Due customers, pressure and effectiveness read the customer, interaction, purchase, service case and
 * survey tables of the same storage, as the SQL adapters join them.
 */
record MemoryPolicies(Table<CommunicationPolicy> table, Table<PolicyContact> contactTable, Table<PauseWindow> pauseTable,
                      Table<Customer> customers, Table<Interaction> interactions, Table<Purchase> purchases,
                      Table<ServiceCase> cases, Table<SurveyResponse> surveys, MemoryAccess access)
        implements PolicyRepository {
    private static final Keyset<CommunicationPolicy, Cursor.IdKey> BY_ID = Keyset.byId(p -> p.id().value());
    private static final Keyset<Customer, Cursor.IdKey> CUSTOMERS = Keyset.byId(c -> c.id().value());

    /** The lookup keys of a contact: its policy and its customer. */
    static List<Object> contactLookupKeys(PolicyContact c) {
        return List.of(c.policyId(), c.customerId());
    }

    private static UUID key(PolicyId policy, CustomerId customer, LocalDate date) {
        ByteBuffer b = ByteBuffer.allocate(48);
        b.putLong(policy.value().getMostSignificantBits()).putLong(policy.value().getLeastSignificantBits())
                .putLong(customer.value().getMostSignificantBits()).putLong(customer.value().getLeastSignificantBits())
                .put(date.toString().getBytes(StandardCharsets.US_ASCII));
        return UUID.nameUUIDFromBytes(b.array());
    }

    @Override
    public void insert(CommunicationPolicy policy) {
        table.insert(policy.id().value(), policy);
    }

    @Override
    public Optional<CommunicationPolicy> findById(PolicyId id) {
        return table.get(id.value());
    }

    @Override
    public void update(CommunicationPolicy policy) {
        table.replace(policy.id().value(), policy, CommunicationPolicy::version, "policy");
    }

    @Override
    public Page<CommunicationPolicy> search(AccessScope scope, PageRequest page) {
        return BY_ID.page(table.all().filter(p -> scope.admits(p.owner().user(), p.owner().department())), page);
    }

    @Override
    public Page<DueContact> due(DueQuery q, AccessScope scope, PageRequest page) {
        Stream<Customer> candidates = q.only().isPresent()
                ? customers.get(q.only().get().value()).stream() : customers.all();
        return CUSTOMERS.page(candidates.filter(c -> due(q, c) && access.admits(scope, c)), page)
                .map(c -> new DueContact(c.id(), c.displayName()));
    }

    private boolean due(DueQuery q, Customer c) {
        if (!MemoryCustomers.matches(q.segment(), c)) {
            return false;
        }
        if (q.consent().isPresent()) {
            Optional<ConsentStatus> status = c.consent(q.consent().get()).map(k -> k.status());
            if (q.optInRequired() ? status.map(s -> s != ConsentStatus.OPTED_IN).orElse(true)
                    : status.map(s -> s == ConsentStatus.OPTED_OUT).orElse(false)) {
                return false;
            }
        }
        if (q.address().isPresent() && (q.address().get() == ChannelKind.EMAIL ? c.emails().isEmpty() : c.phones().isEmpty())) {
            return false;
        }
        if (contactTable.get(key(q.policyId(), c.id(), q.date())).isPresent()) {
            return false;
        }
        if (pauseTable.all().anyMatch(p -> p.customer().map(c.id()::equals).orElse(false) && p.overlaps(q.dayStart(), q.until()))) {
            return false;
        }
        List<Interaction> contacts = contacts(c.id()).filter(i -> i.occurredAt().isBefore(q.until())).toList();
        for (DueQuery.Cap cap : q.caps()) {
            long n = contacts.stream().filter(i -> !i.occurredAt().isBefore(cap.since())
                    && cap.channel().map(ch -> ch == i.channel()).orElse(true)).count();
            if (n >= cap.max()) {
                return false;
            }
        }
        List<Instant> onChannel = contacts.stream().filter(i -> i.channel() == q.channel()).map(Interaction::occurredAt).toList();
        if (q.cadence().trigger() == Cadence.Trigger.EVERY) {
            return onChannel.stream().noneMatch(at -> !at.isBefore(q.since()));
        }
        return events(q.cadence(), c.id()).filter(at -> !at.isBefore(q.since()) && at.isBefore(q.until()))
                .anyMatch(at -> onChannel.stream().noneMatch(x -> !x.isBefore(at)));
    }

    /** The customer's contacts: outbound interactions but OTHER ones and refused messages. */
    private Stream<Interaction> contacts(CustomerId customer) {
        return interactions.all().filter(i -> i.customerId().equals(customer) && i.direction() == Direction.OUTBOUND
                && i.channel() != InteractionChannel.OTHER
                && i.deliveryStatus().map(s -> s != DeliveryStatus.REFUSED).orElse(true));
    }

    /** When the cadence's events happened for the customer. */
    private Stream<Instant> events(Cadence cadence, CustomerId customer) {
        return switch (cadence.trigger()) {
            case EVERY -> Stream.empty();
            case PURCHASE -> purchases.all().filter(p -> p.customerId().equals(customer)).map(Purchase::occurredAt);
            case CASE_CLOSED -> cases.all().filter(s -> s.customerId().equals(customer))
                    .flatMap(s -> s.history().stream().filter(h -> h.to() == ServiceCaseStatus.CLOSED).map(h -> h.at()));
            case LOW_SCORE -> surveys.all().filter(s -> s.customerId().equals(customer)
                            && s.kind() == cadence.survey().orElseThrow() && s.score() < cadence.scoreBelow().orElseThrow())
                    .map(SurveyResponse::respondedAt);
        };
    }

    @Override
    public boolean recordContact(PolicyContact contact) {
        UUID key = key(contact.policyId(), contact.customerId(), contact.dueDate());
        if (contactTable.get(key).isPresent()) {
            return false;
        }
        contactTable.insert(key, contact);
        return true;
    }

    @Override
    public Optional<PolicyContact> findContact(PolicyId policy, CustomerId customer, LocalDate dueDate) {
        return contactTable.get(key(policy, customer, dueDate));
    }

    @Override
    public PressureCounts pressure(CustomerId customer, InteractionChannel channel, Instant monthStart, Instant weekStart,
                                   Instant dayStart, Instant until) {
        long[] n = new long[6];
        contacts(customer).filter(i -> !i.occurredAt().isBefore(monthStart) && i.occurredAt().isBefore(until)).forEach(i -> {
            boolean week = !i.occurredAt().isBefore(weekStart);
            boolean day = !i.occurredAt().isBefore(dayStart);
            boolean on = i.channel() == channel;
            n[0] += day ? 1 : 0;
            n[1] += week ? 1 : 0;
            n[2]++;
            n[3] += day && on ? 1 : 0;
            n[4] += week && on ? 1 : 0;
            n[5] += on ? 1 : 0;
        });
        return new PressureCounts(n[0], n[1], n[2], n[3], n[4], n[5]);
    }

    @Override
    public void insertPause(PauseWindow pause) {
        pauseTable.insert(pause.id(), pause);
    }

    @Override
    public Optional<PauseWindow> pauseOf(CustomerId customer, Instant from, Instant to) {
        return pauseTable.all().filter(p -> p.customer().map(customer::equals).orElse(true) && p.overlaps(from, to))
                .min(java.util.Comparator.comparing(PauseWindow::id));
    }

    @Override
    public Optional<PauseWindow> globalPause(Instant from, Instant to) {
        return pauseTable.all().filter(p -> p.customer().isEmpty() && p.overlaps(from, to))
                .min(java.util.Comparator.comparing(PauseWindow::id));
    }

    @Override
    public PolicyEffectiveness effectiveness(PolicyId policy, CustomerQuery segment, AccessScope scope, Instant from,
                                             Instant to) {
        List<PolicyContact> made = contactTable.byLookupKey(policy).filter(c -> c.counts()
                && !c.at().isBefore(from) && c.at().isBefore(to)).toList();
        Set<CustomerId> contacted = new HashSet<>();
        Set<CustomerId> responded = new HashSet<>();
        Set<CustomerId> bought = new HashSet<>();
        Map<SurveyKind, long[]> scores = new EnumMap<>(SurveyKind.class);
        for (PolicyContact c : made) {
            contacted.add(c.customerId());
            if (interactions.all().anyMatch(i -> i.customerId().equals(c.customerId()) && i.direction() == Direction.INBOUND
                    && within(i.occurredAt(), c))) {
                responded.add(c.customerId());
            }
            surveys.all().filter(s -> s.customerId().equals(c.customerId()) && within(s.respondedAt(), c)).forEach(s -> {
                long[] sum = scores.computeIfAbsent(s.kind(), k -> new long[2]);
                sum[0]++;
                sum[1] += s.score();
            });
            if (purchases.all().anyMatch(p -> p.customerId().equals(c.customerId()) && within(p.occurredAt(), c))) {
                bought.add(c.customerId());
            }
        }
        Set<CustomerId> ever = new HashSet<>();
        contactTable.byLookupKey(policy).filter(PolicyContact::counts).forEach(c -> ever.add(c.customerId()));
        long[] control = new long[2];
        Set<CustomerId> buyers = new HashSet<>();
        purchases.all().filter(p -> !p.occurredAt().isBefore(from) && p.occurredAt().isBefore(to))
                .forEach(p -> buyers.add(p.customerId()));
        customers.all().filter(c -> MemoryCustomers.matches(segment, c) && access.admits(scope, c) && !ever.contains(c.id()))
                .forEach(c -> {
                    control[0]++;
                    control[1] += buyers.contains(c.id()) ? 1 : 0;
                });
        Map<SurveyKind, PolicyEffectiveness.ScoreSum> sums = new HashMap<>();
        scores.forEach((k, v) -> sums.put(k, new PolicyEffectiveness.ScoreSum(v[0], v[1])));
        return new PolicyEffectiveness(policy, from, to, made.size(), contacted.size(), responded.size(), sums,
                bought.size(), control[0], control[1]);
    }

    private static boolean within(Instant at, PolicyContact c) {
        return !at.isBefore(c.at()) && at.isBefore(c.respondUntil());
    }

    void clearAll() {
        table.clear();
        contactTable.clear();
        pauseTable.clear();
    }
}
