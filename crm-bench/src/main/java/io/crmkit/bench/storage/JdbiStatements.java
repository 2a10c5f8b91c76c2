package io.crmkit.bench.storage;

import io.crmkit.core.Page;
import io.crmkit.core.customer.AttributeValue;
import io.crmkit.core.customer.Consent;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerKind;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.LifecycleStage;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.NoTemplateEngine;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jspecify.annotations.Nullable;

/**
 * crm-jdbc's statements for a customer by id, a timeline page and a batch insert of customers, written with
 * Jdbi 3 as it is meant to be used: {@link Handle} statements with bound arguments (argument factories for
 * instants and ids, registered once), {@link RowMapper}s, {@link PreparedBatch}, no template engine
 * ({@link NoTemplateEngine}), the SQL parser's cache and the template cache sized for every statement, no
 * reflection mappers (so no column-name matching). The SQL text, the rows read and the objects built are
 * those of crm-jdbc's repositories on H2 and PostgreSQL (the statement counts differ by database as there:
 * eight statements for a customer on H2, two on PostgreSQL).
 */
final class JdbiStatements {
    static final String CUSTOMER_COLUMNS = "id, kind, display_name, stage, owner_id, department_id, organization_id,"
            + " job_title, time_zone, archived_at, created_at, updated_at, version";
    static final String INTERACTION_COLUMNS = "id, customer_id, channel, direction, subject, notes, occurred_at,"
            + " duration_nanos, author, outcome, recorded_at, delivery_status, provider_message_id";
    private static final List<String> CHILDREN = List.of(
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

    private final Jdbi jdbi;
    private final String prefix;
    private final boolean h2;

    JdbiStatements(DataSource dataSource, String prefix, boolean h2) {
        this.jdbi = Jdbi.create(dataSource);
        this.prefix = prefix;
        this.h2 = h2;
        jdbi.getConfig(SqlStatements.class)
                .setTemplateEngine(new NoTemplateEngine())
                // a CachingSqlParser: each statement text is parsed once (1,000 kept); the template cache keeps
                // 1,000 rendered templates by default, far more than the statements here
                .setSqlParser(new ColonPrefixSqlParser());
        // instants as timestamps with a zone, and nulls typed the way each database accepts them, as crm-jdbc binds them
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(h2 ? Types.TIMESTAMP_WITH_TIMEZONE : Types.OTHER) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setObject(position, value.atOffset(ZoneOffset.UTC));
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<UUID>(Types.OTHER) {
            @Override
            protected Argument build(UUID value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setObject(position, value);
            }
        });
    }

    private String sql(String template) {
        return template.replace("{p}", prefix);
    }

    /** One transaction, committed, as a read of crmkit runs. */
    <T> T read(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
        return jdbi.inTransaction(work);
    }

    /** One transaction, rolled back at the end, so a benchmark inserting rows leaves the tables as they were. */
    void writeAndRollBack(java.util.function.Consumer<Handle> work) {
        try (Handle h = jdbi.open()) {
            h.begin();
            try {
                work.accept(h);
            } finally {
                h.rollback();
            }
        }
    }

    private record Loaded(UUID id, Customer.Builder builder) {
    }

    private static final RowMapper<Loaded> CUSTOMER = (rs, ctx) -> {
        UUID id = rs.getObject("id", UUID.class);
        return new Loaded(id, Customer.builder()
                .id(new CustomerId(id))
                .kind(CustomerKind.valueOf(rs.getString("kind")))
                .displayName(rs.getString("display_name"))
                .stage(LifecycleStage.valueOf(rs.getString("stage")))
                .owner(Optional.ofNullable(rs.getString("owner_id")).map(UserRef::new).orElse(null))
                .department(Optional.ofNullable(rs.getString("department_id")).map(DepartmentRef::new).orElse(null))
                .organizationId(Optional.ofNullable(rs.getObject("organization_id", UUID.class)).map(CustomerId::new).orElse(null))
                .jobTitle(rs.getString("job_title"))
                .timeZone(Optional.ofNullable(rs.getString("time_zone")).map(ZoneId::of).orElse(null))
                .archivedAt(optInstant(rs, "archived_at"))
                .createdAt(instant(rs, "created_at"))
                .updatedAt(instant(rs, "updated_at"))
                .version(rs.getLong("version")));
    };

    private static @Nullable Instant optInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Objects.requireNonNull(optInstant(rs, column), column);
    }

    /** A row of the union of the child tables. */
    private record ChildRow(UUID customer, int part, String a, @Nullable String b, @Nullable String c, @Nullable String d,
                            @Nullable String e, @Nullable Instant t) {
    }

    private static final RowMapper<ChildRow> CHILD = (rs, ctx) -> new ChildRow(rs.getObject("customer_id", UUID.class),
            rs.getInt("part"), rs.getString("a"), rs.getString("b"), rs.getString("c"), rs.getString("d"), rs.getString("e"),
            optInstant(rs, "t"));

    /** {@code customers().findById(id)}: the customer row and its seven child tables. */
    Optional<Customer> customer(Handle h, UUID id) {
        List<Loaded> rows = h.createQuery(sql("SELECT " + CUSTOMER_COLUMNS + " FROM {p}customers WHERE id = ?"))
                .bind(0, id).map(CUSTOMER).list();
        return load(h, rows).stream().findFirst();
    }

    private List<Customer> load(Handle h, List<Loaded> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, Customer.Builder> byId = new LinkedHashMap<>();
        rows.forEach(l -> byId.put(l.id(), l.builder()));
        List<UUID> ids = new ArrayList<>(byId.keySet());
        Map<UUID, List<EmailAddress>> emails = new HashMap<>();
        Map<UUID, List<PhoneNumber>> phones = new HashMap<>();
        Map<UUID, List<PostalAddress>> addresses = new HashMap<>();
        Map<UUID, LinkedHashSet<String>> tags = new HashMap<>();
        Map<UUID, Map<String, AttributeValue>> attributes = new HashMap<>();
        Map<UUID, List<ExternalRef>> refs = new HashMap<>();
        Map<UUID, Map<ContactChannel, Consent>> consents = new HashMap<>();
        String in = " WHERE customer_id IN (" + marks(ids.size()) + ")";
        List<Query> queries = new ArrayList<>();
        if (h2) {
            for (String child : CHILDREN) {
                queries.add(bindAll(h.createQuery(sql(child + in + " ORDER BY customer_id, seq")), ids, 0));
            }
        } else {
            Query union = h.createQuery(sql(String.join(" UNION ALL ", CHILDREN.stream().map(c -> c + in).toList())
                    + " ORDER BY customer_id, part, seq"));
            for (int i = 0; i < CHILDREN.size(); i++) {
                bindAll(union, ids, i * ids.size());
            }
            queries.add(union);
        }
        for (Query q : queries) {
            q.map(CHILD).forEach(r -> {
                UUID id = r.customer();
                switch (r.part()) {
                    case 1 -> emails.computeIfAbsent(id, k -> new ArrayList<>()).add(new EmailAddress(r.a()));
                    case 2 -> phones.computeIfAbsent(id, k -> new ArrayList<>()).add(new PhoneNumber(r.a()));
                    case 3 -> addresses.computeIfAbsent(id, k -> new ArrayList<>()).add(new PostalAddress(r.a(), required(r.b()),
                            Optional.ofNullable(r.c()), Optional.ofNullable(r.d()), Optional.ofNullable(r.e())));
                    case 4 -> tags.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(r.a());
                    case 5 -> attributes.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(r.a(),
                            AttributeValue.parse(AttributeValue.AttributeType.valueOf(required(r.b())), required(r.c())));
                    case 6 -> refs.computeIfAbsent(id, k -> new ArrayList<>()).add(new ExternalRef(r.a(), required(r.b())));
                    case 0 -> {
                        ContactChannel ch = ContactChannel.valueOf(r.a());
                        consents.computeIfAbsent(id, k -> new EnumMap<>(ContactChannel.class)).put(ch,
                                new Consent(ch, ConsentStatus.valueOf(required(r.b())), required(r.t()), required(r.c())));
                    }
                    default -> throw new IllegalStateException("unknown part");
                }
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

    private static <T> T required(@Nullable T value) {
        return Objects.requireNonNull(value, "a column of the child row is unexpectedly null");
    }

    private static Query bindAll(Query q, List<UUID> ids, int from) {
        for (int i = 0; i < ids.size(); i++) {
            q.bind(from + i, ids.get(i));
        }
        return q;
    }

    private static String marks(int n) {
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.toString();
    }

    /** An interaction row before its links. */
    private record Row(InteractionId id, CustomerId customerId, InteractionChannel channel, Direction direction,
                       Optional<String> subject, Optional<String> notes, Instant occurredAt, Optional<Duration> duration,
                       UserRef author, Optional<String> outcome, Instant recordedAt, Optional<DeliveryStatus> status,
                       Optional<String> providerMessageId) {
    }

    private static final RowMapper<Row> INTERACTION = (rs, ctx) -> {
        long nanos = rs.getLong("duration_nanos");
        Optional<Duration> duration = rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
        String status = rs.getString("delivery_status");
        return new Row(new InteractionId(rs.getObject("id", UUID.class)), new CustomerId(rs.getObject("customer_id", UUID.class)),
                InteractionChannel.valueOf(rs.getString("channel")), Direction.valueOf(rs.getString("direction")),
                Optional.ofNullable(rs.getString("subject")), Optional.ofNullable(rs.getString("notes")),
                instant(rs, "occurred_at"), duration, new UserRef(rs.getString("author")), Optional.ofNullable(rs.getString("outcome")),
                instant(rs, "recorded_at"), Optional.ofNullable(status).map(DeliveryStatus::valueOf),
                Optional.ofNullable(rs.getString("provider_message_id")));
    };

    private record Link(UUID interaction, RecordLink link) {
    }

    private static final RowMapper<Link> LINK = (rs, ctx) -> new Link(rs.getObject("interaction_id", UUID.class),
            new RecordLink(RecordLink.Type.valueOf(rs.getString("link_type")), rs.getObject("linked_id", UUID.class)));

    /** {@code interactions().timeline(customer, all, first(limit))}: the page and the links of its interactions. */
    Page<Interaction> timeline(Handle h, UUID customer, int limit) {
        List<Row> rows = h.createQuery(sql("SELECT " + INTERACTION_COLUMNS + " FROM {p}interactions WHERE customer_id = ?"
                        + " ORDER BY occurred_at DESC, id DESC LIMIT " + (limit + 1)))
                .bind(0, customer).map(INTERACTION).list();
        List<Interaction> found = List.of();
        if (!rows.isEmpty()) {
            List<UUID> ids = rows.stream().map(r -> r.id().value()).toList();
            Map<UUID, List<RecordLink>> links = new LinkedHashMap<>();
            bindAll(h.createQuery(sql("SELECT interaction_id, link_type, linked_id FROM {p}interaction_links WHERE interaction_id IN ("
                    + marks(ids.size()) + ") ORDER BY interaction_id, seq")), ids, 0).map(LINK)
                    .forEach(l -> links.computeIfAbsent(l.interaction(), k -> new ArrayList<>()).add(l.link()));
            List<Interaction> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                out.add(new Interaction(r.id(), r.customerId(), r.channel(), r.direction(), r.subject(), r.notes(),
                        r.occurredAt(), r.duration(), r.author(), r.outcome(), links.getOrDefault(r.id().value(), List.of()),
                        r.recordedAt(), r.status(), r.providerMessageId()));
            }
            found = out;
        }
        return Cursor.page(found, limit, i -> new Cursor.TimeKey(i.occurredAt(), i.id().value()));
    }

    /**
     * {@code customers().insertAll(customers)} for customers with emails, phones and tags: one prepared batch for
     * the customers and one per child table that has rows, inside a savepoint as crm-jdbc's writes are.
     */
    void insertAll(Handle h, List<Customer> customers) {
        h.savepoint("crm_w1");
        PreparedBatch b = h.prepareBatch(sql("INSERT INTO {p}customers (id, kind, display_name, name_lower, stage, owner_id,"
                + " department_id, organization_id, job_title, time_zone, archived_at, created_at, updated_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (Customer c : customers) {
            b.bind(0, c.id().value()).bind(1, c.kind().name()).bind(2, c.displayName())
                    .bind(3, c.displayName().toLowerCase(Locale.ROOT)).bind(4, c.stage().name())
                    .bind(5, c.owner().map(UserRef::id).orElse(null)).bind(6, c.department().map(DepartmentRef::id).orElse(null))
                    .bindByType(7, c.organizationId().map(CustomerId::value).orElse(null), UUID.class)
                    .bind(8, c.jobTitle().orElse(null)).bind(9, c.timeZone().map(ZoneId::getId).orElse(null))
                    .bindByType(10, c.archivedAt().orElse(null), Instant.class)
                    .bindByType(11, c.createdAt(), Instant.class).bindByType(12, c.updatedAt(), Instant.class)
                    .bind(13, c.version()).add();
        }
        b.execute();
        PreparedBatch emails = h.prepareBatch(sql("INSERT INTO {p}customer_emails (customer_id, seq, email, email_lower) VALUES (?, ?, ?, ?)"));
        PreparedBatch phones = h.prepareBatch(sql("INSERT INTO {p}customer_phones (customer_id, seq, phone) VALUES (?, ?, ?)"));
        PreparedBatch tags = h.prepareBatch(sql("INSERT INTO {p}customer_tags (customer_id, seq, tag) VALUES (?, ?, ?)"));
        for (Customer c : customers) {
            UUID id = c.id().value();
            int seq = 0;
            for (EmailAddress e : c.emails()) {
                emails.bind(0, id).bind(1, seq++).bind(2, e.value()).bind(3, e.value().toLowerCase(Locale.ROOT)).add();
            }
            seq = 0;
            for (PhoneNumber p : c.phones()) {
                phones.bind(0, id).bind(1, seq++).bind(2, p.value()).add();
            }
            seq = 0;
            for (String t : c.tags()) {
                tags.bind(0, id).bind(1, seq++).bind(2, t).add();
            }
        }
        for (PreparedBatch batch : List.of(emails, phones, tags)) {
            if (batch.size() > 0) {
                batch.execute();
            }
        }
        h.release("crm_w1");
    }
}
