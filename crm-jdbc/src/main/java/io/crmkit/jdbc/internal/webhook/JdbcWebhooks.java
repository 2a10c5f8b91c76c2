package io.crmkit.jdbc.internal.webhook;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.event.EventRecord;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import io.crmkit.core.webhook.WebhookAttempt;
import io.crmkit.core.webhook.WebhookDelivery;
import io.crmkit.core.webhook.WebhookDeliveryStatus;
import io.crmkit.core.webhook.WebhookEndpoint;
import io.crmkit.core.webhook.WebhookEndpointId;
import io.crmkit.core.webhook.WebhookEndpointStatus;
import io.crmkit.core.webhook.WebhookRepository;
import io.crmkit.core.webhook.WebhookSecret;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Webhooks in {@code webhook_endpoints}, {@code webhook_deliveries} (the thin event in columns of its own) and
 * {@code webhook_attempts}. {@link #claimDue} locks due rows with {@code FOR UPDATE SKIP LOCKED} where the database
 * has it and leases each with a version check, as the message outbox claims, so two dispatchers never hold the same
 * delivery.
 */
public final class JdbcWebhooks implements WebhookRepository {
    private static final String ENDPOINT_COLUMNS = "id, url, description, event_types, secret, previous_secret,"
            + " previous_secret_until, status, disabled_reason, failing_since, created_at, updated_at, version";
    private static final String DELIVERY_COLUMNS = "id, endpoint_id, event_id, event_position, event_type, record_kind,"
            + " record_id, record_version, changed_fields, occurred_at, actor, source, replay, status, attempts,"
            + " next_attempt_at, lease_until, last_status_code, last_error, created_at, updated_at, version";
    private static final String ATTEMPT_COLUMNS = "id, delivery_id, endpoint_id, event_id, attempt, attempted_at,"
            + " status_code, duration_ms, error, result";

    private final Sql sql;

    public JdbcWebhooks(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insertEndpoint(WebhookEndpoint e) {
        sql.write("insert webhook endpoint " + e.id(), () -> sql.stmt("INSERT INTO {p}webhook_endpoints ("
                        + ENDPOINT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .uuid(e.id().value()).text(e.url()).text(e.description()).text(String.join("\n", e.eventTypes()))
                .text(e.secret().value()).text(e.previousSecret().map(WebhookSecret::value))
                .instant(e.previousSecretUntil().orElse(null)).enumName(e.status()).text(e.disabledReason())
                .instant(e.failingSince().orElse(null)).instant(e.createdAt()).instant(e.updatedAt()).lng(e.version())
                .execute());
    }

    @Override
    public void updateEndpoint(WebhookEndpoint e) {
        sql.write("update webhook endpoint " + e.id(), () -> {
            int n = sql.stmt("UPDATE {p}webhook_endpoints SET url = ?, description = ?, event_types = ?, secret = ?,"
                            + " previous_secret = ?, previous_secret_until = ?, status = ?, disabled_reason = ?,"
                            + " failing_since = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?")
                    .text(e.url()).text(e.description()).text(String.join("\n", e.eventTypes()))
                    .text(e.secret().value()).text(e.previousSecret().map(WebhookSecret::value))
                    .instant(e.previousSecretUntil().orElse(null)).enumName(e.status()).text(e.disabledReason())
                    .instant(e.failingSince().orElse(null)).instant(e.updatedAt()).lng(e.version())
                    .uuid(e.id().value()).lng(e.version() - 1).execute();
            if (n == 0) {
                versionConflict("webhook_endpoints", "webhook endpoint", e.id().value(), e.version());
            }
        });
    }

    private void versionConflict(String table, String what, UUID id, long version) {
        Optional<Long> stored = sql.stmt("SELECT version FROM {p}" + table + " WHERE id = ?").uuid(id)
                .one(r -> r.lng("version"));
        if (stored.isEmpty()) {
            throw new NotFoundException(what + " " + id + " does not exist");
        }
        throw new ConflictException(what + " " + id + " was changed concurrently: stored version is " + stored.get()
                + ", the update expected " + (version - 1));
    }

    @Override
    public Optional<WebhookEndpoint> findEndpoint(WebhookEndpointId id) {
        return sql.read("find webhook endpoint " + id, () -> sql.stmt("SELECT " + ENDPOINT_COLUMNS
                + " FROM {p}webhook_endpoints WHERE id = ?").uuid(id.value()).one(JdbcWebhooks::endpoint));
    }

    @Override
    public Page<WebhookEndpoint> endpoints(PageRequest page) {
        return byId("list webhook endpoints", "SELECT " + ENDPOINT_COLUMNS + " FROM {p}webhook_endpoints WHERE 1 = 1",
                s -> { }, page, JdbcWebhooks::endpoint, e -> e.id().value());
    }

    @Override
    public List<WebhookEndpoint> enabledEndpoints() {
        return sql.read("list enabled webhook endpoints", () -> sql.stmt("SELECT " + ENDPOINT_COLUMNS
                        + " FROM {p}webhook_endpoints WHERE status = ? ORDER BY id")
                .enumName(WebhookEndpointStatus.ENABLED).list(JdbcWebhooks::endpoint));
    }

    @Override
    public void insertDeliveries(List<WebhookDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        sql.write("insert webhook deliveries", () -> {
            Sql.Batch b = sql.batch("INSERT INTO {p}webhook_deliveries (" + DELIVERY_COLUMNS + ") VALUES (?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            for (WebhookDelivery d : deliveries) {
                EventRecord e = d.event();
                b.uuid(d.id()).uuid(d.endpointId().value()).uuid(e.id()).lng(e.position()).text(e.type())
                        .enumName(e.recordKind()).uuid(e.recordId())
                        .lng(e.recordVersion().isPresent() ? e.recordVersion().getAsLong() : null)
                        .text(String.join("\n", e.changedFields())).instant(e.occurredAt()).text(e.actor().id())
                        .enumName(e.source()).integer(d.replay() ? 1 : 0).enumName(d.status()).integer(d.attempts())
                        .instant(d.nextAttemptAt()).instant(d.leaseUntil().orElse(null))
                        .lng(d.lastStatusCode().isPresent() ? (long) d.lastStatusCode().getAsInt() : null)
                        .text(d.lastError()).instant(d.createdAt()).instant(d.updatedAt()).lng(d.version()).add();
            }
            b.execute();
        });
    }

    @Override
    public void updateDelivery(WebhookDelivery d) {
        sql.write("update webhook delivery " + d.id(), () -> {
            int n = sql.stmt("UPDATE {p}webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?,"
                            + " lease_until = ?, last_status_code = ?, last_error = ?, updated_at = ?, version = ?"
                            + " WHERE id = ? AND version = ?")
                    .enumName(d.status()).integer(d.attempts()).instant(d.nextAttemptAt())
                    .instant(d.leaseUntil().orElse(null))
                    .lng(d.lastStatusCode().isPresent() ? (long) d.lastStatusCode().getAsInt() : null)
                    .text(d.lastError()).instant(d.updatedAt()).lng(d.version()).uuid(d.id()).lng(d.version() - 1)
                    .execute();
            if (n == 0) {
                versionConflict("webhook_deliveries", "webhook delivery", d.id(), d.version());
            }
        });
    }

    @Override
    public Optional<WebhookDelivery> findDelivery(UUID id) {
        return sql.read("find webhook delivery " + id, () -> sql.stmt("SELECT " + DELIVERY_COLUMNS
                + " FROM {p}webhook_deliveries WHERE id = ?").uuid(id).one(JdbcWebhooks::delivery));
    }

    @Override
    public List<WebhookDelivery> claimDue(Instant now, int limit, Instant leaseUntil) {
        if (limit < 1) {
            return List.of();
        }
        List<WebhookDelivery> claimed = new ArrayList<>();
        sql.write("claim due webhook deliveries", () -> {
            List<WebhookDelivery> due = sql.stmt("SELECT " + DELIVERY_COLUMNS + " FROM {p}webhook_deliveries"
                            + " WHERE status = ? AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)"
                            + " ORDER BY next_attempt_at, id LIMIT " + limit + sql.dialect().forUpdateSkipLocked())
                    .enumName(WebhookDeliveryStatus.PENDING).instant(now).instant(now).list(JdbcWebhooks::delivery);
            for (WebhookDelivery d : due) {
                WebhookDelivery leased = d.leased(leaseUntil, now);
                int n = sql.stmt("UPDATE {p}webhook_deliveries SET lease_until = ?, updated_at = ?, version = ?"
                                + " WHERE id = ? AND version = ?")
                        .instant(leaseUntil).instant(now).lng(leased.version()).uuid(d.id()).lng(d.version()).execute();
                if (n == 1) {
                    claimed.add(leased);
                }
            }
        });
        return claimed;
    }

    @Override
    public Set<UUID> fannedOut(Collection<UUID> eventIds) {
        Set<UUID> done = new HashSet<>();
        if (eventIds.isEmpty()) {
            return done;
        }
        sql.read("find fanned out events", () -> {
            for (List<UUID> chunk : Sql.chunks(eventIds, 500)) {
                done.addAll(sql.stmt("SELECT DISTINCT event_id FROM {p}webhook_deliveries WHERE replay = 0 AND event_id IN ("
                        + Sql.marks(chunk.size()) + ")").uuids(chunk).list(r -> r.uuid("event_id")));
            }
            return done;
        });
        return done;
    }

    @Override
    public Page<WebhookDelivery> deliveries(WebhookEndpointId endpoint, PageRequest page) {
        return byId("list webhook deliveries of an endpoint", "SELECT " + DELIVERY_COLUMNS
                        + " FROM {p}webhook_deliveries WHERE endpoint_id = ?", s -> s.uuid(endpoint.value()), page,
                JdbcWebhooks::delivery, WebhookDelivery::id);
    }

    @Override
    public Page<WebhookDelivery> deliveriesOfEvent(UUID eventId, PageRequest page) {
        return byId("list webhook deliveries of an event", "SELECT " + DELIVERY_COLUMNS
                        + " FROM {p}webhook_deliveries WHERE event_id = ?", s -> s.uuid(eventId), page,
                JdbcWebhooks::delivery, WebhookDelivery::id);
    }

    @Override
    public Page<WebhookDelivery> fannedOutBetween(WebhookEndpointId endpoint, Instant from, Instant to, PageRequest page) {
        return byId("list webhook deliveries of a period", "SELECT " + DELIVERY_COLUMNS
                        + " FROM {p}webhook_deliveries WHERE endpoint_id = ? AND replay = 0 AND occurred_at >= ?"
                        + " AND occurred_at < ?", s -> s.uuid(endpoint.value()).instant(from).instant(to), page,
                JdbcWebhooks::delivery, WebhookDelivery::id);
    }

    @Override
    public void insertAttempt(WebhookAttempt a) {
        sql.write("insert webhook attempt", () -> sql.stmt("INSERT INTO {p}webhook_attempts (" + ATTEMPT_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .uuid(a.id()).uuid(a.deliveryId()).uuid(a.endpointId().value()).uuid(a.eventId()).integer(a.number())
                .instant(a.at()).lng(a.statusCode().isPresent() ? (long) a.statusCode().getAsInt() : null)
                .lng(a.duration().toMillis()).text(a.error()).enumName(a.result()).execute());
    }

    @Override
    public Page<WebhookAttempt> attempts(WebhookEndpointId endpoint, PageRequest page) {
        return byId("list webhook attempts of an endpoint", "SELECT " + ATTEMPT_COLUMNS
                        + " FROM {p}webhook_attempts WHERE endpoint_id = ?", s -> s.uuid(endpoint.value()), page,
                JdbcWebhooks::attempt, WebhookAttempt::id);
    }

    @Override
    public Page<WebhookAttempt> attemptsOfEvent(UUID eventId, PageRequest page) {
        return byId("list webhook attempts of an event", "SELECT " + ATTEMPT_COLUMNS
                        + " FROM {p}webhook_attempts WHERE event_id = ?", s -> s.uuid(eventId), page,
                JdbcWebhooks::attempt, WebhookAttempt::id);
    }

    /** One page of {@code select} (which ends in a WHERE clause) in id order. */
    private <T> Page<T> byId(String operation, String select, Consumer<Sql.Stmt> bind, PageRequest page,
                             Sql.RowReader<T> reader, java.util.function.Function<T, UUID> id) {
        Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
        return sql.read(operation, () -> {
            Sql.Stmt s = sql.stmt(select + (after.isPresent() ? " AND id > ?" : "") + " ORDER BY id LIMIT "
                    + (page.limit() + 1));
            bind.accept(s);
            after.ifPresent(k -> s.uuid(k.id()));
            return Cursor.page(s.list(reader), page.limit(), t -> new Cursor.IdKey(id.apply(t)));
        });
    }

    private static WebhookEndpoint endpoint(Row r) throws SQLException {
        String types = r.text("event_types");
        return new WebhookEndpoint(new WebhookEndpointId(r.uuid("id")), r.text("url"), r.optText("description"),
                types.isEmpty() ? Set.of() : Set.of(types.split("\n", -1)), WebhookSecret.of(r.text("secret")),
                r.optText("previous_secret").map(WebhookSecret::of), Optional.ofNullable(r.nullableInstant("previous_secret_until")),
                r.enumValue(WebhookEndpointStatus.class, "status"), r.optText("disabled_reason"),
                Optional.ofNullable(r.nullableInstant("failing_since")), r.instant("created_at"), r.instant("updated_at"),
                r.lng("version"));
    }

    private static WebhookDelivery delivery(Row r) throws SQLException {
        String fields = r.text("changed_fields");
        Optional<Long> version = r.optLong("record_version");
        EventRecord event = new EventRecord(r.uuid("event_id"), r.lng("event_position"), r.text("event_type"),
                r.enumValue(RecordKind.class, "record_kind"), r.uuid("record_id"),
                version.map(OptionalLong::of).orElse(OptionalLong.empty()),
                fields.isEmpty() ? List.of() : Arrays.asList(fields.split("\n", -1)), r.instant("occurred_at"),
                new UserRef(r.text("actor")), r.enumValue(AuditSource.class, "source"));
        return new WebhookDelivery(r.uuid("id"), new WebhookEndpointId(r.uuid("endpoint_id")), event,
                r.integer("replay") == 1, r.enumValue(WebhookDeliveryStatus.class, "status"), r.integer("attempts"),
                r.instant("next_attempt_at"), Optional.ofNullable(r.nullableInstant("lease_until")),
                optInt(r, "last_status_code"), r.optText("last_error"), r.instant("created_at"), r.instant("updated_at"),
                r.lng("version"));
    }

    private static WebhookAttempt attempt(Row r) throws SQLException {
        return new WebhookAttempt(r.uuid("id"), r.uuid("delivery_id"), new WebhookEndpointId(r.uuid("endpoint_id")),
                r.uuid("event_id"), r.integer("attempt"), r.instant("attempted_at"), optInt(r, "status_code"),
                Duration.ofMillis(r.lng("duration_ms")), r.optText("error"),
                r.enumValue(WebhookDeliveryStatus.class, "result"));
    }

    private static OptionalInt optInt(Row r, String column) throws SQLException {
        Optional<Long> v = r.optLong(column);
        return v.isPresent() ? OptionalInt.of(v.get().intValue()) : OptionalInt.empty();
    }
}
