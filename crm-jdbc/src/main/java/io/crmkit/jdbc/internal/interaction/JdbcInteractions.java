package io.crmkit.jdbc.internal.interaction;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.interaction.InteractionRepository;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import io.crmkit.jdbc.internal.sql.CustomerMoves;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Interactions in {@code interactions} with their links in {@code interaction_links}. */
public final class JdbcInteractions implements InteractionRepository {
    private static final String COLUMNS = "id, customer_id, channel, direction, subject, notes, occurred_at,"
            + " duration_nanos, author, outcome, recorded_at, delivery_status, provider_message_id";

    private final Sql sql;

    public JdbcInteractions(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Interaction i) {
        sql.write("insert interaction " + i.id(), () -> {
            sql.stmt("INSERT INTO {p}interactions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .uuid(i.id().value()).uuid(i.customerId().value()).enumName(i.channel()).enumName(i.direction())
                    .text(i.subject()).text(i.notes()).instant(i.occurredAt())
                    .lng(i.duration().map(Duration::toNanos).orElse(null))
                    .text(i.author().id()).text(i.outcome()).instant(i.recordedAt())
                    .enumName(i.deliveryStatus().orElse(null)).text(i.providerMessageId())
                    .execute();
            if (!i.links().isEmpty()) {
                Sql.Batch b = sql.batch("INSERT INTO {p}interaction_links (interaction_id, seq, link_type, linked_id) VALUES (?, ?, ?, ?)");
                int seq = 0;
                for (RecordLink l : i.links()) {
                    b.uuid(i.id().value()).integer(seq++).enumName(l.type()).uuid(l.id()).add();
                }
                b.execute();
            }
        });
    }

    @Override
    public Optional<Interaction> findById(InteractionId id) {
        return sql.read("find interaction " + id, () -> load(
                sql.stmt("SELECT " + COLUMNS + " FROM {p}interactions WHERE id = ?").uuid(id.value())
                        .list(JdbcInteractions::readRow)).stream().findFirst());
    }

    @Override
    public void updateDelivery(InteractionId id, DeliveryStatus status, Optional<String> providerMessageId) {
        sql.write("update delivery of interaction " + id, () -> {
            int n = providerMessageId.isPresent()
                    ? sql.stmt("UPDATE {p}interactions SET delivery_status = ?, provider_message_id = ? WHERE id = ?")
                            .enumName(status).text(providerMessageId.get()).uuid(id.value()).execute()
                    : sql.stmt("UPDATE {p}interactions SET delivery_status = ? WHERE id = ?")
                            .enumName(status).uuid(id.value()).execute();
            if (n == 0) {
                throw new NotFoundException("interaction " + id + " does not exist");
            }
        });
    }

    @Override
    public Page<Interaction> timeline(CustomerId customer, TimelineQuery query, PageRequest page) {
        Optional<Cursor.TimeKey> after = page.cursor().map(Cursor::timeKey);
        return sql.read("read timeline of customer " + customer, () -> {
            StringBuilder where = new StringBuilder(" WHERE customer_id = ?");
            List<InteractionChannel> channels = new ArrayList<>(query.channels());
            channels.sort(null);
            if (!channels.isEmpty()) {
                where.append(" AND channel IN (").append(Sql.marks(channels.size())).append(')');
            }
            query.from().ifPresent(f -> where.append(" AND occurred_at >= ?"));
            query.to().ifPresent(t -> where.append(" AND occurred_at < ?"));
            after.ifPresent(k -> where.append(" AND (occurred_at < ? OR (occurred_at = ? AND id < ?))"));
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}interactions" + where
                    + " ORDER BY occurred_at DESC, id DESC LIMIT " + (page.limit() + 1));
            s.uuid(customer.value());
            channels.forEach(s::enumName);
            query.from().ifPresent(s::instant);
            query.to().ifPresent(s::instant);
            after.ifPresent(k -> s.instant(k.at()).instant(k.at()).uuid(k.id()));
            List<Interaction> found = load(s.list(JdbcInteractions::readRow));
            return Cursor.page(found, page.limit(),
                    i -> new Cursor.TimeKey(i.occurredAt(), i.id().value()));
        });
    }

    /** An interaction row before its links are loaded. */
    private record Loaded(InteractionId id, CustomerId customerId, InteractionChannel channel, Direction direction,
                          Optional<String> subject, Optional<String> notes, Instant occurredAt,
                          Optional<Duration> duration, UserRef author, Optional<String> outcome, Instant recordedAt,
                          Optional<DeliveryStatus> deliveryStatus, Optional<String> providerMessageId) {
    }

    private static Loaded readRow(Row r) throws java.sql.SQLException {
        return new Loaded(new InteractionId(r.uuid("id")), new CustomerId(r.uuid("customer_id")),
                r.enumValue(InteractionChannel.class, "channel"), r.enumValue(Direction.class, "direction"),
                r.optText("subject"), r.optText("notes"), r.instant("occurred_at"),
                r.optLong("duration_nanos").map(Duration::ofNanos), new UserRef(r.text("author")), r.optText("outcome"),
                r.instant("recorded_at"), r.optEnum(DeliveryStatus.class, "delivery_status"),
                r.optText("provider_message_id"));
    }

    private List<Interaction> load(List<Loaded> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(l -> l.id().value()).toList();
        Map<UUID, List<RecordLink>> links = new LinkedHashMap<>();
        sql.stmt("SELECT interaction_id, link_type, linked_id FROM {p}interaction_links WHERE interaction_id IN ("
                + Sql.marks(ids.size()) + ") ORDER BY interaction_id, seq").uuids(ids).list(r -> {
                    links.computeIfAbsent(r.uuid("interaction_id"), k -> new ArrayList<>())
                            .add(new RecordLink(r.enumValue(RecordLink.Type.class, "link_type"), r.uuid("linked_id")));
                    return 0;
                });
        List<Interaction> out = new ArrayList<>(rows.size());
        for (Loaded l : rows) {
            out.add(new Interaction(l.id(), l.customerId(), l.channel(), l.direction(), l.subject(), l.notes(),
                    l.occurredAt(), l.duration(), l.author(), l.outcome(),
                    links.getOrDefault(l.id().value(), List.of()), l.recordedAt(), l.deliveryStatus(),
                    l.providerMessageId()));
        }
        return out;
    }

    @Override
    public List<UUID> reassignCustomer(CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "interactions", false).move(from, to, null);
    }

    @Override
    public List<UUID> reassignCustomer(Collection<UUID> ids, CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "interactions", false).move(from, to, ids);
    }
}
