package io.crmkit.jdbc.internal.customer;

import io.crmkit.core.customer.AttributeValue;
import io.crmkit.core.customer.Consent;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.jdbc.internal.sql.Dialect;
import io.crmkit.jdbc.internal.sql.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A customer's seven child tables. Each holds rows keyed within the customer: by position ({@code seq}, from
 * 0 up without gaps) for the lists, by channel for consents. {@link Child#rows(Customer)} gives the rows a
 * customer has, so {@link #writeChanges} compares row values, not domain objects, and writes only rows that
 * differ.
 */
final class ChildTables {
    private ChildTables() {
    }

    /** One child table: its name, its key column within the customer and its other columns. */
    enum Child {
        EMAILS("customer_emails", "seq", "email", "email_lower"),
        PHONES("customer_phones", "seq", "phone"),
        ADDRESSES("customer_addresses", "seq", "street", "city", "region", "postal_code", "country"),
        TAGS("customer_tags", "seq", "tag"),
        ATTRIBUTES("customer_attributes", "seq", "attr_name", "attr_type", "attr_value"),
        EXTERNAL_REFS("customer_external_refs", "seq", "ref_system", "ref_id"),
        CONSENTS("customer_consents", "channel", "consent_status", "given_at", "consent_source");

        final String table;
        final String key;
        final List<String> columns;

        Child(String table, String key, String... columns) {
            this.table = table;
            this.key = key;
            this.columns = List.of(columns);
        }

        Sql.Batch insert(Sql sql) {
            List<String> all = new ArrayList<>(columns.size() + 2);
            all.add("customer_id");
            all.add(key);
            all.addAll(columns);
            return sql.insert(table, all);
        }

        String deleteSql() {
            return "DELETE FROM {p}" + table + " WHERE customer_id = ? AND " + key + " = ?";
        }

        /** The rows of {@code c} in this table: key (a position or a channel name) to the other columns' values. */
        Map<Object, List<@Nullable Object>> rows(Customer c) {
            Map<Object, List<@Nullable Object>> rows = new LinkedHashMap<>();
            switch (this) {
                case EMAILS -> listed(rows, c.emails(), e -> List.of(e.value(), CustomerRows.lower(e.value())));
                case PHONES -> listed(rows, c.phones(), p -> List.of(p.value()));
                case ADDRESSES -> listed(rows, c.addresses(), a -> Arrays.asList(a.street(), a.city(),
                        a.region().orElse(null), a.postalCode().orElse(null), a.country().orElse(null)));
                case TAGS -> listed(rows, c.tags(), t -> List.of(t));
                case ATTRIBUTES -> listed(rows, c.attributes().entrySet(), e -> List.of(e.getKey(),
                        e.getValue().type().name(), e.getValue().asText()));
                case EXTERNAL_REFS -> listed(rows, c.externalRefs(), r -> List.of(r.system(), r.id()));
                case CONSENTS -> c.consents().values().forEach(k -> rows.put(k.channel().name(),
                        List.of(k.status().name(), k.at(), k.source())));
            }
            return rows;
        }

        private static <T> void listed(Map<Object, List<@Nullable Object>> rows, Iterable<T> items,
                                       Function<T, List<@Nullable Object>> values) {
            int seq = 0;
            for (T item : items) {
                rows.put(seq++, values.apply(item));
            }
        }
    }

    /** Binds a key or column value by its Java type. */
    static void bind(Sql.Params<?> p, @Nullable Object value) {
        if (value instanceof Integer i) {
            p.integer(i);
        } else if (value instanceof Instant t) {
            p.instant(t);
        } else {
            p.text((String) value);
        }
    }

    /** Adds the rows of {@code c} to the child's insert batch. */
    static void addRows(Sql.Batch batch, Child child, Customer c) {
        child.rows(c).forEach((key, values) -> addRow(batch, c.id().value(), key, values));
    }

    static void addRow(Sql.Batch batch, UUID customer, Object key, List<@Nullable Object> values) {
        batch.uuid(customer);
        bind(batch, key);
        values.forEach(v -> bind(batch, v));
        batch.add();
    }

    /** Every child row of these customers, one batch per child table. */
    static void insert(Sql sql, List<Customer> customers) {
        for (Child child : Child.values()) {
            Sql.Batch b = child.insert(sql);
            for (Customer c : customers) {
                addRows(b, child, c);
            }
            b.execute();
        }
    }

    /**
     * Writes the child rows that differ between {@code before}, the customer as stored, and {@code after}:
     * per table, the rows whose key is gone or whose values changed are deleted, then the new and changed
     * ones inserted. Deleting first keeps unique keys (external references) free for rows that move
     * between positions. Tables without a difference get no statement.
     */
    static void writeChanges(Sql sql, Customer before, Customer after) {
        UUID id = after.id().value();
        for (Child child : Child.values()) {
            Map<Object, List<@Nullable Object>> old = child.rows(before);
            Map<Object, List<@Nullable Object>> now = child.rows(after);
            if (old.equals(now)) {
                continue;
            }
            Sql.Batch deletes = sql.batch(child.deleteSql());
            old.forEach((key, values) -> {
                if (!values.equals(now.get(key))) {
                    deletes.uuid(id);
                    bind(deletes, key);
                    deletes.add();
                }
            });
            deletes.execute();
            Sql.Batch inserts = child.insert(sql);
            now.forEach((key, values) -> {
                if (!values.equals(old.get(key))) {
                    addRow(inserts, id, key, values);
                }
            });
            inserts.execute();
        }
    }

    /** Replaces every child row of {@code c}, for an update without the stored state at hand. */
    static void replace(Sql sql, Customer c) {
        for (Child child : Child.values()) {
            sql.stmt("DELETE FROM {p}" + child.table + " WHERE customer_id = ?").uuid(c.id().value()).execute();
        }
        insert(sql, List.of(c));
    }

    /**
     * The seven child tables, each as a select of the same shape: its columns mapped onto {@code a..e}
     * (text) and {@code t} (the consent time), tagged by {@code part}. Consents come first: PostgreSQL
     * types a column of a union from its first branches, and {@code t} must be a time.
     */
    private static final List<String> SELECTS = List.of(
            "SELECT customer_id, 0 AS part, 0 AS seq, channel AS a, consent_status AS b, consent_source AS c, NULL AS d,"
                    + " NULL AS e, given_at AS t FROM {p}customer_consents",
            "SELECT customer_id, 1 AS part, seq, email AS a, NULL AS b, NULL AS c, NULL AS d, NULL AS e, NULL AS t"
                    + " FROM {p}customer_emails",
            "SELECT customer_id, 2 AS part, seq, phone AS a, NULL AS b, NULL AS c, NULL AS d, NULL AS e, NULL AS t"
                    + " FROM {p}customer_phones",
            "SELECT customer_id, 3 AS part, seq, street AS a, city AS b, region AS c, postal_code AS d, country AS e,"
                    + " NULL AS t FROM {p}customer_addresses",
            "SELECT customer_id, 4 AS part, seq, tag AS a, NULL AS b, NULL AS c, NULL AS d, NULL AS e, NULL AS t"
                    + " FROM {p}customer_tags",
            "SELECT customer_id, 5 AS part, seq, attr_name AS a, attr_type AS b, attr_value AS c, NULL AS d, NULL AS e,"
                    + " NULL AS t FROM {p}customer_attributes",
            "SELECT customer_id, 6 AS part, seq, ref_system AS a, ref_id AS b, NULL AS c, NULL AS d, NULL AS e, NULL AS t"
                    + " FROM {p}customer_external_refs");

    /** Loads the children of the given customer rows and builds the customers, keeping the row order. */
    static List<Customer> load(Sql sql, List<CustomerRows.Loaded> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, Customer.Builder> byId = new LinkedHashMap<>();
        for (CustomerRows.Loaded l : rows) {
            byId.put(l.id(), l.builder());
        }
        List<UUID> ids = new ArrayList<>(byId.keySet());
        Map<UUID, List<EmailAddress>> emails = new HashMap<>();
        Map<UUID, List<PhoneNumber>> phones = new HashMap<>();
        Map<UUID, List<PostalAddress>> addresses = new HashMap<>();
        Map<UUID, LinkedHashSet<String>> tags = new HashMap<>();
        Map<UUID, Map<String, AttributeValue>> attributes = new HashMap<>();
        Map<UUID, List<ExternalRef>> refs = new HashMap<>();
        Map<UUID, Map<ContactChannel, Consent>> consents = new HashMap<>();
        String in = " WHERE customer_id IN (" + Sql.marks(ids.size()) + ")";
        List<Sql.Stmt> statements = new ArrayList<>();
        if (sql.dialect() == Dialect.H2) {
            // embedded: no round trips to save, and H2 runs seven simple selects faster than their union
            for (String child : SELECTS) {
                statements.add(sql.stmt(child + in + " ORDER BY customer_id, seq").uuids(ids));
            }
        } else {
            // one round trip instead of seven
            Sql.Stmt union = sql.stmt(String.join(" UNION ALL ", SELECTS.stream().map(c -> c + in).toList())
                    + " ORDER BY customer_id, part, seq");
            SELECTS.forEach(c -> union.uuids(ids));
            statements.add(union);
        }
        for (Sql.Stmt children : statements) {
            children.list(r -> {
                UUID id = r.uuid("customer_id");
                switch (r.integer("part")) {
                    case 1 -> emails.computeIfAbsent(id, k -> new ArrayList<>()).add(new EmailAddress(r.text("a")));
                    case 2 -> phones.computeIfAbsent(id, k -> new ArrayList<>()).add(new PhoneNumber(r.text("a")));
                    case 3 -> addresses.computeIfAbsent(id, k -> new ArrayList<>()).add(new PostalAddress(
                            r.text("a"), r.text("b"), r.optText("c"), r.optText("d"), r.optText("e")));
                    case 4 -> tags.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(r.text("a"));
                    case 5 -> attributes.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(r.text("a"),
                            AttributeValue.parse(r.enumValue(AttributeValue.AttributeType.class, "b"), r.text("c")));
                    case 6 -> refs.computeIfAbsent(id, k -> new ArrayList<>()).add(new ExternalRef(r.text("a"), r.text("b")));
                    case 0 -> {
                        ContactChannel ch = r.enumValue(ContactChannel.class, "a");
                        consents.computeIfAbsent(id, k -> new EnumMap<>(ContactChannel.class)).put(ch,
                                new Consent(ch, r.enumValue(ConsentStatus.class, "b"), r.instant("t"), r.text("c")));
                    }
                    default -> throw new IllegalStateException("unknown part");
                }
                return 0;
            });
        }

        List<Customer> out = new ArrayList<>(rows.size());
        byId.forEach((id, b) -> out.add(b
                .emails(emails.getOrDefault(id, List.of()))
                .phones(phones.getOrDefault(id, List.of()))
                .addresses(addresses.getOrDefault(id, List.of()))
                .tags(tags.getOrDefault(id, new LinkedHashSet<>()))
                .attributes(attributes.getOrDefault(id, Map.of()))
                .externalRefs(refs.getOrDefault(id, List.of()))
                .consents(consents.getOrDefault(id, Map.of()))
                .build()));
        return out;
    }
}
