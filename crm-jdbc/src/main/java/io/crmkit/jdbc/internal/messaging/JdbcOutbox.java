package io.crmkit.jdbc.internal.messaging;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.StorageException;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.messaging.Attachment;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.messaging.OutboxRepository;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import io.crmkit.jdbc.internal.sql.AccessSql;
import io.crmkit.jdbc.internal.sql.CustomerMoves;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The message outbox in {@code outbox} (content by kind in typed columns) and {@code outbox_attachments}.
 * {@link #claimDue} locks due rows with {@code FOR UPDATE SKIP LOCKED} where the database has it and
 * leases each with a version check, so two dispatchers never hold the same message.
 */
public final class JdbcOutbox implements OutboxRepository {
    private static final String COLUMNS = "id, idempotency_key, recipient, kind, subject, body, html, reply_to, audio_url,"
            + " status_callback_url, customer_id, interaction_id, status, attempts, next_attempt_at, lease_until,"
            + " last_error, provider_message_id, created_at, updated_at, version";

    private final Sql sql;

    public JdbcOutbox(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(OutboxMessage m) {
        sql.write("insert outbox message " + m.id(), () -> {
            Sql.Stmt s = sql.stmt("INSERT INTO {p}outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?)");
            s.uuid(m.id().value()).text(m.message().idempotencyKey()).text(m.message().to()).enumName(m.kind());
            bindContent(s, m.message().content());
            s.uuid(m.customerId().value()).uuid(m.interactionId().value());
            bindState(s, m);
            s.execute();
            if (m.message().content() instanceof MessageContent.Email e && !e.attachments().isEmpty()) {
                Sql.Batch b = sql.batch("INSERT INTO {p}outbox_attachments (message_id, seq, file_name, content_type, content)"
                        + " VALUES (?, ?, ?, ?, ?)");
                int seq = 0;
                for (Attachment a : e.attachments()) {
                    b.uuid(m.id().value()).integer(seq++).text(a.fileName()).text(a.contentType()).bytes(a.content()).add();
                }
                b.execute();
            }
        });
    }

    private static void bindContent(Sql.Stmt s, MessageContent content) {
        if (content instanceof MessageContent.Email e) {
            s.text(e.subject()).text(e.text()).text(e.html()).text(e.replyTo()).text((String) null).text((String) null);
        } else if (content instanceof MessageContent.Sms sms) {
            s.text((String) null).text(sms.text()).text((String) null).text((String) null).text((String) null).text((String) null);
        } else if (content instanceof MessageContent.Voice v) {
            s.text((String) null).text(v.script()).text((String) null).text((String) null).text(v.audioUrl())
                    .text(v.statusCallbackUrl());
        } else {
            throw new StorageException("unknown message content " + content.getClass().getName());
        }
    }

    private static void bindState(Sql.Stmt s, OutboxMessage m) {
        s.enumName(m.status()).integer(m.attempts()).instant(m.nextAttemptAt()).instant(m.leaseUntil().orElse(null))
                .text(m.lastError()).text(m.providerMessageId()).instant(m.createdAt()).instant(m.updatedAt())
                .lng(m.version());
    }

    @Override
    public void update(OutboxMessage m) {
        sql.write("update outbox message " + m.id(), () -> {
            Sql.Stmt s = sql.stmt("UPDATE {p}outbox SET status = ?, attempts = ?, next_attempt_at = ?, lease_until = ?,"
                    + " last_error = ?, provider_message_id = ?, created_at = ?, updated_at = ?, version = ?"
                    + " WHERE id = ? AND version = ?");
            bindState(s, m);
            int n = s.uuid(m.id().value()).lng(m.version() - 1).execute();
            if (n == 0) {
                Optional<Long> stored = sql.stmt("SELECT version FROM {p}outbox WHERE id = ?").uuid(m.id().value())
                        .one(r -> r.lng("version"));
                if (stored.isEmpty()) {
                    throw new NotFoundException("message " + m.id() + " does not exist");
                }
                throw new ConflictException("message " + m.id() + " was changed concurrently: stored version is "
                        + stored.get() + ", the update expected " + (m.version() - 1));
            }
        });
    }

    @Override
    public Optional<OutboxMessage> findById(MessageId id) {
        return one("find message " + id, " WHERE id = ?", s -> s.uuid(id.value()));
    }

    @Override
    public Optional<OutboxMessage> findByIdempotencyKey(String key) {
        return one("find message by idempotency key", " WHERE idempotency_key = ?", s -> s.text(key));
    }

    @Override
    public Optional<OutboxMessage> findByProviderMessageId(String providerMessageId) {
        return one("find message by provider id", " WHERE provider_message_id = ? ORDER BY created_at DESC, id DESC LIMIT 1",
                s -> s.text(providerMessageId));
    }

    private Optional<OutboxMessage> one(String operation, String where, java.util.function.Consumer<Sql.Stmt> bind) {
        return sql.read(operation, () -> {
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}outbox" + where);
            bind.accept(s);
            return load(s.list(JdbcOutbox::readRow)).stream().findFirst();
        });
    }

    @Override
    public List<OutboxMessage> claimDue(Instant now, int limit, Instant leaseUntil) {
        if (limit < 1) {
            return List.of();
        }
        List<OutboxMessage> claimed = new ArrayList<>();
        sql.write("claim due messages", () -> {
            List<OutboxMessage> due = load(sql.stmt("SELECT " + COLUMNS + " FROM {p}outbox WHERE status = ? AND next_attempt_at <= ?"
                            + " AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_attempt_at, id LIMIT " + limit
                            + sql.dialect().forUpdateSkipLocked())
                    .enumName(DeliveryStatus.QUEUED).instant(now).instant(now).list(JdbcOutbox::readRow));
            for (OutboxMessage m : due) {
                OutboxMessage leased = m.leased(leaseUntil, now);
                int n = sql.stmt("UPDATE {p}outbox SET lease_until = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?")
                        .instant(leaseUntil).instant(now).lng(leased.version()).uuid(m.id().value()).lng(m.version())
                        .execute();
                if (n == 1) {
                    claimed.add(leased);
                }
            }
        });
        return claimed;
    }

    @Override
    public Page<OutboxMessage> byStatus(DeliveryStatus status, AccessScope scope, PageRequest page) {
        Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
        AccessSql.Condition access = AccessSql.ofCustomer(scope, "customer_id");
        if (access.nothing()) {
            return Page.last(List.of());
        }
        return sql.read("list messages by status", () -> {
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}outbox WHERE status = ?" + access.sql()
                    + (after.isPresent() ? " AND id > ?" : "") + " ORDER BY id LIMIT " + (page.limit() + 1));
            s.enumName(status);
            access.bind().accept(s);
            after.ifPresent(k -> s.uuid(k.id()));
            return Cursor.page(load(s.list(JdbcOutbox::readRow)), page.limit(),
                    m -> new Cursor.IdKey(m.id().value()));
        });
    }

    /** An outbox row before its attachments are loaded. */
    private record Loaded(UUID id, String idempotencyKey, String recipient, ChannelKind kind, Optional<String> subject,
                          Optional<String> body, Optional<String> html, Optional<String> replyTo, Optional<String> audioUrl,
                          Optional<String> statusCallbackUrl, CustomerId customerId, InteractionId interactionId,
                          DeliveryStatus status, int attempts, Instant nextAttemptAt, Optional<Instant> leaseUntil,
                          Optional<String> lastError, Optional<String> providerMessageId, Instant createdAt,
                          Instant updatedAt, long version) {
    }

    private static Loaded readRow(Row r) throws java.sql.SQLException {
        return new Loaded(r.uuid("id"), r.text("idempotency_key"), r.text("recipient"), r.enumValue(ChannelKind.class, "kind"),
                r.optText("subject"), r.optText("body"), r.optText("html"), r.optText("reply_to"), r.optText("audio_url"),
                r.optText("status_callback_url"), new CustomerId(r.uuid("customer_id")),
                new InteractionId(r.uuid("interaction_id")), r.enumValue(DeliveryStatus.class, "status"),
                r.integer("attempts"), r.instant("next_attempt_at"), Optional.ofNullable(r.nullableInstant("lease_until")),
                r.optText("last_error"), r.optText("provider_message_id"), r.instant("created_at"),
                r.instant("updated_at"), r.lng("version"));
    }

    private List<OutboxMessage> load(List<Loaded> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Attachment>> attachments = new LinkedHashMap<>();
        List<UUID> emails = rows.stream().filter(l -> l.kind() == ChannelKind.EMAIL).map(Loaded::id).toList();
        if (!emails.isEmpty()) {
            sql.stmt("SELECT message_id, file_name, content_type, content FROM {p}outbox_attachments WHERE message_id IN ("
                    + Sql.marks(emails.size()) + ") ORDER BY message_id, seq").uuids(emails).list(r -> {
                        attachments.computeIfAbsent(r.uuid("message_id"), k -> new ArrayList<>()).add(
                                new Attachment(r.text("file_name"), r.text("content_type"), r.bytes("content")));
                        return 0;
                    });
        }
        List<OutboxMessage> out = new ArrayList<>(rows.size());
        for (Loaded l : rows) {
            MessageContent content = switch (l.kind()) {
                case EMAIL -> new MessageContent.Email(l.subject().orElse(""), l.body().orElse(""), l.html(),
                        attachments.getOrDefault(l.id(), List.of()), l.replyTo());
                case SMS -> new MessageContent.Sms(l.body().orElse(""));
                case VOICE -> new MessageContent.Voice(l.body(), l.audioUrl(), l.statusCallbackUrl());
            };
            out.add(new OutboxMessage(new OutboundMessage(new MessageId(l.id()), l.idempotencyKey(), l.recipient(), content),
                    l.customerId(), l.interactionId(), l.status(), l.attempts(), l.nextAttemptAt(), l.leaseUntil(),
                    l.lastError(), l.providerMessageId(), l.createdAt(), l.updatedAt(), l.version()));
        }
        return out;
    }

    @Override
    public List<UUID> reassignCustomer(CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "outbox", true).move(from, to, null);
    }

    @Override
    public List<UUID> reassignCustomer(Collection<UUID> ids, CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "outbox", true).move(from, to, ids);
    }
}
