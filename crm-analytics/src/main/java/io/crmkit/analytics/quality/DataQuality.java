package io.crmkit.analytics.quality;

import io.crmkit.core.Checks;
import io.crmkit.core.CrmServices;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.dedup.DuplicateCandidate;
import io.crmkit.core.dedup.DuplicateQuery;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Assesses the data quality of the customer records (seed 002: 数据整合, 数据清洗): per field how many customers
 * have it, the contact points that messages could not reach, the records nobody changed for long, and the
 * duplicate candidates. Immutable and thread-safe; one {@link #assess} reads, as the given services' actor may:
 *
 * <ul>
 *   <li>every message that {@link DeliveryStatus#FAILED failed} or went {@link DeliveryStatus#DEAD dead}, kept
 *       as the newest failure per customer and address (memory: the failed messages, not the customers);</li>
 *   <li>every customer that is not archived, once, streamed ({@code customers().export}), counting the
 *       {@link #FIELDS} and matching its addresses against those failures;</li>
 *   <li>the duplicate candidates ({@code duplicates().scan}), of which the best are kept.</li>
 * </ul>
 *
 * <pre>{@code
 * DataQualityReport q = DataQuality.builder().staleAfter(Duration.ofDays(365)).build().assess(crm, Instant.now());
 * q.field("email").share();        // 0.83
 * q.unreachable();                 // bounced addresses still on the record
 * }</pre>
 */
public final class DataQuality {
    /** The fields whose completeness is counted, in report order. */
    public static final List<String> FIELDS = List.of("email", "phone", "address", "owner", "department", "tags",
            "external_ref", "consent", "time_zone");
    /** Items listed per part unless set. */
    public static final int DEFAULT_LISTED = 20;
    /** Most items listed per part. */
    public static final int MAX_LISTED = 10_000;
    /** Stale after a year unless set. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofDays(365);
    private static final List<Predicate<Customer>> FILLED = List.of(
            c -> !c.emails().isEmpty(), c -> !c.phones().isEmpty(), c -> !c.addresses().isEmpty(),
            c -> c.owner().isPresent(), c -> c.department().isPresent(), c -> !c.tags().isEmpty(),
            c -> !c.externalRefs().isEmpty(), c -> !c.consents().isEmpty(), c -> c.timeZone().isPresent());

    private final Duration staleAfter;
    private final int listed;
    private final DuplicateQuery duplicates;

    private DataQuality(Builder b) {
        this.staleAfter = b.staleAfter;
        this.listed = b.listed;
        this.duplicates = b.duplicates;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Assesses the records {@code crm} (or {@code crm.as(actor)}) may read, as of {@code now}. */
    public DataQualityReport assess(CrmServices crm, Instant now) {
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(now, "now");
        Map<Address, OutboxMessage> failures = new HashMap<>();
        for (DeliveryStatus status : new DeliveryStatus[] {DeliveryStatus.FAILED, DeliveryStatus.DEAD}) {
            Optional<PageRequest> page = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
            while (page.isPresent()) {
                Page<OutboxMessage> messages = crm.messaging().withStatus(status, page.get());
                for (OutboxMessage m : messages.items()) {
                    failures.merge(Address.of(m), m, (a, b) -> a.updatedAt().isAfter(b.updatedAt()) ? a : b);
                }
                page = page.get().next(messages);
            }
        }

        long[] filled = new long[FIELDS.size()];
        Instant staleBefore = now.minus(staleAfter);
        Comparator<Customer> stalest = Comparator.comparing(Customer::updatedAt).thenComparing(c -> c.id().value());
        PriorityQueue<Customer> stale = new PriorityQueue<>(stalest.reversed());
        long[] staleCount = new long[1];
        Comparator<UnreachableContact> newest = Comparator.comparing(UnreachableContact::at)
                .thenComparing(u -> u.customer().value()).reversed();
        PriorityQueue<UnreachableContact> unreachable = new PriorityQueue<>(newest.reversed());
        long[] unreachableCount = new long[1];
        long customers = crm.customers().export(CustomerQuery.all(), c -> {
            for (int i = 0; i < FILLED.size(); i++) {
                if (FILLED.get(i).test(c)) {
                    filled[i]++;
                }
            }
            if (c.updatedAt().isBefore(staleBefore)) {
                staleCount[0]++;
                keep(stale, c, listed);
            }
            if (!failures.isEmpty()) {
                for (Address a : Address.of(c)) {
                    OutboxMessage m = failures.get(a);
                    if (m != null) {
                        unreachableCount[0]++;
                        keep(unreachable, new UnreachableContact(c.id(), a.channel, m.message().to(), m.status(),
                                m.lastError(), m.updatedAt()), listed);
                    }
                }
            }
        });

        List<FieldCompleteness> completeness = new ArrayList<>(FIELDS.size());
        for (int i = 0; i < FIELDS.size(); i++) {
            completeness.add(new FieldCompleteness(FIELDS.get(i), filled[i], customers));
        }
        Comparator<DuplicateCandidate> best = Comparator.comparingDouble(DuplicateCandidate::score).reversed()
                .thenComparing(d -> d.first().value()).thenComparing(d -> d.second().value());
        PriorityQueue<DuplicateCandidate> top = new PriorityQueue<>(best.reversed());
        long duplicateCount = crm.duplicates().scan(duplicates, d -> keep(top, d, listed));
        return new DataQualityReport(now, customers, completeness, sorted(unreachable, newest), unreachableCount[0],
                staleBefore, sorted(stale, stalest).stream().map(Customer::id).toList(), staleCount[0],
                sorted(top, best), duplicateCount);
    }

    /** Keeps the {@code max} first items in the order the queue's head is the last of. */
    private static <T> void keep(PriorityQueue<T> queue, T item, int max) {
        queue.add(item);
        if (queue.size() > max) {
            queue.poll();
        }
    }

    private static <T> List<T> sorted(PriorityQueue<T> queue, Comparator<T> order) {
        List<T> out = new ArrayList<>(queue);
        out.sort(order);
        return out;
    }

    /** An address of a channel, compared as the channel compares it (emails without case). */
    private record Address(ChannelKind channel, String value) {
        static Address of(OutboxMessage m) {
            ChannelKind channel = m.message().content().kind();
            return new Address(channel, normal(channel, m.message().to()));
        }

        static List<Address> of(Customer c) {
            List<Address> out = new ArrayList<>(c.emails().size() + 2 * c.phones().size());
            for (EmailAddress e : c.emails()) {
                out.add(new Address(ChannelKind.EMAIL, normal(ChannelKind.EMAIL, e.value())));
            }
            for (PhoneNumber p : c.phones()) {
                out.add(new Address(ChannelKind.SMS, p.value()));
                out.add(new Address(ChannelKind.VOICE, p.value()));
            }
            return out;
        }

        /** An email's address part, lower-cased ({@code "张三 <Z@Example.com>"} is {@code z@example.com}). */
        private static String normal(ChannelKind channel, String to) {
            if (channel != ChannelKind.EMAIL) {
                return to;
            }
            int lt = to.lastIndexOf('<');
            int gt = to.lastIndexOf('>');
            String address = lt >= 0 && gt > lt ? to.substring(lt + 1, gt) : to;
            return address.strip().toLowerCase(Locale.ROOT);
        }
    }

    /** Settings of a {@link DataQuality}; {@link #build} checks them. */
    public static final class Builder {
        private Duration staleAfter = DEFAULT_STALE_AFTER;
        private int listed = DEFAULT_LISTED;
        private DuplicateQuery duplicates = DuplicateQuery.all();

        private Builder() {
        }

        /** A record not changed for longer than this is stale; positive. */
        public Builder staleAfter(Duration age) {
            this.staleAfter = Objects.requireNonNull(age, "age");
            return this;
        }

        /** How many items each list of the report keeps (1 to {@value #MAX_LISTED}); the counts count all. */
        public Builder listed(int count) {
            this.listed = count;
            return this;
        }

        /** The duplicate detection to run. Default: {@link DuplicateQuery#all()}. */
        public Builder duplicates(DuplicateQuery query) {
            this.duplicates = Objects.requireNonNull(query, "query");
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming each setting out of range */
        public DataQuality build() {
            Checks checks = new Checks();
            if (staleAfter.isNegative() || staleAfter.isZero()) {
                checks.add("staleAfter", "positive", "must be positive but was " + staleAfter);
            }
            if (listed < 1 || listed > MAX_LISTED) {
                checks.add("listed", "range", "must be 1 to " + MAX_LISTED + " but was " + listed);
            }
            checks.throwIfAny();
            return new DataQuality(this);
        }
    }
}
