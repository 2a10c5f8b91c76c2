package io.crmkit.bench.storage;

import io.crmkit.core.customer.AttributeValue;
import io.crmkit.core.customer.Consent;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * crmkit's customers and timeline pages as the values {@link PlainJdbc} reads, so a benchmark's setup and
 * {@code PlainJdbcTest} can check that the baseline reads the same rows as crmkit. Times compare as instants;
 * a customer's consents (keyed by channel, no position) compare in channel order.
 */
final class SameRows {
    private SameRows() {
    }

    /** A customer as {@link PlainJdbc#customer} reads it. */
    static List<Object> customer(Customer c) {
        List<Object> out = new ArrayList<>();
        out.add(c.id().value());
        out.add(c.kind().name());
        out.add(c.displayName());
        out.add(c.stage().name());
        out.add(c.owner().map(UserRef::id).orElse(null));
        out.add(c.department().map(DepartmentRef::id).orElse(null));
        out.add(c.organizationId().map(CustomerId::value).orElse(null));
        out.add(c.jobTitle().orElse(null));
        out.add(c.timeZone().map(ZoneId::getId).orElse(null));
        out.add(c.archivedAt().orElse(null));
        out.add(c.createdAt());
        out.add(c.updatedAt());
        out.add(c.version());
        for (Consent k : c.consents().values()) {
            out.addAll(java.util.Arrays.asList(0, k.channel().name(), k.status().name(), k.source(), k.at()));
        }
        for (EmailAddress e : c.emails()) {
            out.addAll(List.of(1, e.value()));
        }
        for (PhoneNumber p : c.phones()) {
            out.addAll(List.of(2, p.value()));
        }
        for (PostalAddress a : c.addresses()) {
            out.addAll(java.util.Arrays.asList(3, a.street(), a.city(), a.region().orElse(null),
                    a.postalCode().orElse(null), a.country().orElse(null)));
        }
        for (String t : c.tags()) {
            out.addAll(List.of(4, t));
        }
        for (Map.Entry<String, AttributeValue> e : c.attributes().entrySet()) {
            out.addAll(List.of(5, e.getKey(), e.getValue().type().name(), e.getValue().asText()));
        }
        for (ExternalRef r : c.externalRefs()) {
            out.addAll(List.of(6, r.system(), r.id()));
        }
        return out;
    }

    /** A page of interactions as {@link PlainJdbc#timeline} reads it. */
    static List<Object> timeline(List<Interaction> page) {
        List<Object> out = new ArrayList<>();
        for (Interaction i : page) {
            out.addAll(java.util.Arrays.asList(i.id().value(), i.customerId().value(), i.channel().name(),
                    i.direction().name(), i.subject().orElse(null), i.notes().orElse(null), i.occurredAt(),
                    i.duration().map(Duration::toNanos).orElse(null), i.author().id(), i.outcome().orElse(null),
                    i.recordedAt(), i.deliveryStatus().map(Enum::name).orElse(null), i.providerMessageId().orElse(null)));
        }
        List<Interaction> byId = new ArrayList<>(page);
        byId.sort(Comparator.comparing(i -> i.id().value()));
        for (Interaction i : byId) {
            for (RecordLink l : i.links()) {
                out.addAll(List.of(i.id().value(), l.type().name(), l.id()));
            }
        }
        return out;
    }

    /** The values with times as instants and a customer's consent rows in channel order. */
    static List<Object> normalised(List<Object> values, boolean customer) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(v instanceof OffsetDateTime t ? t.toInstant() : v);
        }
        if (customer && out.size() > 13) {
            List<List<Object>> consents = new ArrayList<>();
            int i = 13;
            while (i + 4 < out.size() && Integer.valueOf(0).equals(out.get(i))) {
                consents.add(out.subList(i, i + 5));
                i += 5;
            }
            consents.sort(Comparator.comparing(k -> (String) k.get(1)));
            List<Object> sorted = new ArrayList<>(out.subList(0, 13));
            consents.forEach(sorted::addAll);
            sorted.addAll(out.subList(i, out.size()));
            return sorted;
        }
        return out;
    }

    /** Throws unless the baseline's values are crmkit's. */
    static void check(String what, List<Object> crmkit, List<Object> baseline, boolean customer) {
        List<Object> expected = normalised(crmkit, customer);
        List<Object> actual = normalised(baseline, customer);
        if (!expected.equals(actual)) {
            throw new IllegalStateException(what + ": the baseline read " + actual + " where crmkit read " + expected);
        }
    }
}
