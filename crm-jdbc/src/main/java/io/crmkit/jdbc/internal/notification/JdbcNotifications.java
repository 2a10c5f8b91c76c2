package io.crmkit.jdbc.internal.notification;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.notification.Inbox;
import io.crmkit.core.notification.InboxEntry;
import io.crmkit.core.notification.Notice;
import io.crmkit.core.notification.NoticeId;
import io.crmkit.core.notification.NoticeKind;
import io.crmkit.core.notification.NoticePush;
import io.crmkit.core.notification.NotificationPreferences;
import io.crmkit.core.notification.NotificationRepository;
import io.crmkit.core.notification.PushChannel;
import io.crmkit.core.notification.PushStatus;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import io.crmkit.jdbc.internal.sql.AccessSql;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Notices in {@code notices}, read marks in {@code notice_reads}, preferences in {@code notice_preferences}, the push
 * queue in {@code notice_pushes} (claimed with {@code FOR UPDATE SKIP LOCKED} where the database has it, leased with a
 * version check, as the messaging outbox is).
 */
public final class JdbcNotifications implements NotificationRepository {
    private static final String NOTICE_COLUMNS = "n.id, n.kind, n.recipient_type, n.recipient_id, n.record_kind,"
            + " n.record_id, n.actor_id, n.raised_at";
    private static final String PUSH_COLUMNS = "id, notice_id, user_id, kind, recipient, subject, body, status, attempts,"
            + " next_attempt_at, lease_until, last_error, created_at, updated_at, version";

    private final Sql sql;

    public JdbcNotifications(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Notice n) {
        sql.write("insert notice " + n.id(), () -> sql.stmt("INSERT INTO {p}notices (id, kind, recipient_type, recipient_id,"
                        + " record_kind, record_id, actor_id, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .uuid(n.id().value()).enumName(n.kind()).text(AccessSql.granteeType(n.recipient())).text(n.recipient().id())
                .enumName(n.recordKind()).uuid(n.recordId()).text(n.actor().id()).instant(n.at())
                .execute());
    }

    @Override
    public Optional<Notice> findById(NoticeId id) {
        return sql.read("find notice " + id, () -> sql.stmt("SELECT " + NOTICE_COLUMNS + " FROM {p}notices n WHERE n.id = ?")
                .uuid(id.value()).one(JdbcNotifications::readNotice));
    }

    private static Notice readNotice(Row r) throws java.sql.SQLException {
        String id = r.text("recipient_id");
        Grantee recipient = AccessSql.DEPARTMENT.equals(r.text("recipient_type")) ? new DepartmentRef(id) : new UserRef(id);
        return new Notice(new NoticeId(r.uuid("id")), r.enumValue(NoticeKind.class, "kind"), recipient,
                r.enumValue(RecordKind.class, "record_kind"), r.uuid("record_id"), new UserRef(r.text("actor_id")),
                r.instant("raised_at"));
    }

    /** The inbox's notices: to its user or its departments, not caused by its user. */
    private static String inboxWhere(Inbox inbox) {
        String departments = inbox.departments().isEmpty() ? ""
                : " OR (n.recipient_type = '" + AccessSql.DEPARTMENT + "' AND n.recipient_id IN ("
                + Sql.marks(inbox.departments().size()) + "))";
        return " WHERE ((n.recipient_type = '" + AccessSql.USER + "' AND n.recipient_id = ?)" + departments
                + ") AND n.actor_id <> ?";
    }

    private static Consumer<Sql.Stmt> bindInbox(Inbox inbox) {
        return s -> {
            s.text(inbox.user().id());
            inbox.departments().stream().map(DepartmentRef::id).sorted().forEach(s::text);
            s.text(inbox.user().id());
        };
    }

    @Override
    public Page<InboxEntry> inbox(Inbox inbox, boolean unreadOnly, PageRequest page) {
        Optional<Cursor.TimeKey> after = page.cursor().map(Cursor::timeKey);
        return sql.read("read the inbox of " + inbox.user(), () -> {
            StringBuilder q = new StringBuilder("SELECT " + NOTICE_COLUMNS + ", r.read_at FROM {p}notices n"
                    + " LEFT JOIN {p}notice_reads r ON r.notice_id = n.id AND r.reader_id = ?" + inboxWhere(inbox));
            List<Consumer<Sql.Stmt>> binds = new ArrayList<>();
            binds.add(s -> s.text(inbox.user().id()));
            binds.add(bindInbox(inbox));
            if (unreadOnly) {
                q.append(" AND r.notice_id IS NULL");
            }
            after.ifPresent(k -> {
                q.append(" AND (n.raised_at < ? OR (n.raised_at = ? AND n.id < ?))");
                binds.add(s -> s.instant(k.at()).instant(k.at()).uuid(k.id()));
            });
            q.append(" ORDER BY n.raised_at DESC, n.id DESC LIMIT ").append(page.limit() + 1);
            Sql.Stmt s = sql.stmt(q.toString());
            binds.forEach(b -> b.accept(s));
            return Cursor.page(s.list(r -> new InboxEntry(readNotice(r), Optional.ofNullable(r.nullableInstant("read_at")))),
                    page.limit(), e -> new Cursor.TimeKey(e.notice().at(), e.notice().id().value()));
        });
    }

    @Override
    public long countUnread(Inbox inbox) {
        return sql.read("count the unread notices of " + inbox.user(), () -> {
            Sql.Stmt s = sql.stmt("SELECT COUNT(*) AS n FROM {p}notices n" + inboxWhere(inbox)
                    + " AND NOT EXISTS (SELECT 1 FROM {p}notice_reads r WHERE r.notice_id = n.id AND r.reader_id = ?)");
            bindInbox(inbox).accept(s);
            s.text(inbox.user().id());
            return s.one(r -> r.lng("n")).orElse(0L);
        });
    }

    @Override
    public Optional<Instant> readAt(NoticeId id, UserRef reader) {
        return sql.read("read state of notice " + id, () -> sql.stmt("SELECT read_at FROM {p}notice_reads"
                + " WHERE notice_id = ? AND reader_id = ?").uuid(id.value()).text(reader.id()).one(r -> r.instant("read_at")));
    }

    @Override
    public boolean markRead(NoticeId id, UserRef reader, Instant at) {
        if (readAt(id, reader).isPresent()) {
            return false;
        }
        if (findById(id).isEmpty()) {
            throw new NotFoundException("no notice " + id);
        }
        sql.write("mark notice " + id + " read", () -> sql.stmt("INSERT INTO {p}notice_reads (notice_id, reader_id, read_at)"
                + " VALUES (?, ?, ?)").uuid(id.value()).text(reader.id()).instant(at).execute());
        return true;
    }

    @Override
    public int markAllRead(Inbox inbox, Instant upTo, Instant at) {
        int[] marked = new int[1];
        sql.write("mark the inbox of " + inbox.user() + " read", () -> {
            Sql.Stmt s = sql.stmt("INSERT INTO {p}notice_reads (notice_id, reader_id, read_at) SELECT n.id, ?, ?"
                    + " FROM {p}notices n" + inboxWhere(inbox) + " AND n.raised_at <= ?"
                    + " AND NOT EXISTS (SELECT 1 FROM {p}notice_reads r WHERE r.notice_id = n.id AND r.reader_id = ?)");
            s.text(inbox.user().id()).instant(at);
            bindInbox(inbox).accept(s);
            s.instant(upTo).text(inbox.user().id());
            marked[0] = s.execute();
        });
        return marked[0];
    }

    @Override
    public void savePreferences(NotificationPreferences p) {
        sql.write("save the notification preferences of " + p.user(), () -> {
            sql.stmt("DELETE FROM {p}notice_preferences WHERE user_id = ?").text(p.user().id()).execute();
            sql.stmt("INSERT INTO {p}notice_preferences (user_id, email, phone, time_zone, push) VALUES (?, ?, ?, ?, ?)")
                    .text(p.user().id()).text(p.email().map(EmailAddress::value)).text(p.phone().map(PhoneNumber::value))
                    .text(p.zone().map(ZoneId::getId)).text(encode(p.push()))
                    .execute();
        });
    }

    /** {@code TASK_ASSIGNED=EMAIL,SMS;MENTIONED=WEBHOOK}, in enum order. */
    private static String encode(Map<NoticeKind, Set<PushChannel>> push) {
        return push.entrySet().stream().map(e -> e.getKey().name() + "=" + EnumSet.copyOf(e.getValue()).stream()
                .map(Enum::name).collect(Collectors.joining(","))).collect(Collectors.joining(";"));
    }

    private static Map<NoticeKind, Set<PushChannel>> decode(String text) {
        Map<NoticeKind, Set<PushChannel>> push = new EnumMap<>(NoticeKind.class);
        for (String entry : text.isEmpty() ? new String[0] : text.split(";")) {
            String[] kv = entry.split("=", 2);
            Set<PushChannel> channels = EnumSet.noneOf(PushChannel.class);
            for (String c : kv[1].split(",")) {
                channels.add(PushChannel.valueOf(c));
            }
            push.put(NoticeKind.valueOf(kv[0]), channels);
        }
        return push;
    }

    @Override
    public Optional<NotificationPreferences> preferences(UserRef user) {
        return sql.read("read the notification preferences of " + user, () -> sql.stmt("SELECT user_id, email, phone,"
                + " time_zone, push FROM {p}notice_preferences WHERE user_id = ?").text(user.id()).one(r ->
                new NotificationPreferences(new UserRef(r.text("user_id")), r.optText("email").map(EmailAddress::new),
                        r.optText("phone").map(PhoneNumber::new), r.optText("time_zone").map(ZoneId::of),
                        decode(r.text("push")))));
    }

    @Override
    public void insertPush(NoticePush p) {
        sql.write("queue notice push " + p.id(), () -> sql.stmt("INSERT INTO {p}notice_pushes (" + PUSH_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .uuid(p.id()).uuid(p.noticeId().value()).text(p.user().id()).enumName(p.kind()).text(p.to())
                .text(p.subject()).text(p.text()).enumName(p.status()).integer(p.attempts()).instant(p.nextAttemptAt())
                .instant(p.leaseUntil().orElse(null)).text(p.lastError()).instant(p.createdAt()).instant(p.updatedAt())
                .lng(p.version())
                .execute());
    }

    private static NoticePush readPush(Row r) throws java.sql.SQLException {
        return new NoticePush(r.uuid("id"), new NoticeId(r.uuid("notice_id")), new UserRef(r.text("user_id")),
                r.enumValue(ChannelKind.class, "kind"), r.text("recipient"), r.text("subject"), r.text("body"),
                r.enumValue(PushStatus.class, "status"), r.integer("attempts"), r.instant("next_attempt_at"),
                Optional.ofNullable(r.nullableInstant("lease_until")), r.optText("last_error"), r.instant("created_at"),
                r.instant("updated_at"), r.lng("version"));
    }

    @Override
    public List<NoticePush> claimDuePushes(Instant now, int limit, Instant leaseUntil) {
        if (limit < 1) {
            return List.of();
        }
        List<NoticePush> claimed = new ArrayList<>();
        sql.write("claim due notice pushes", () -> {
            List<NoticePush> due = sql.stmt("SELECT " + PUSH_COLUMNS + " FROM {p}notice_pushes WHERE status = ?"
                            + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)"
                            + " ORDER BY next_attempt_at, id LIMIT " + limit + sql.dialect().forUpdateSkipLocked())
                    .enumName(PushStatus.QUEUED).instant(now).instant(now).list(JdbcNotifications::readPush);
            for (NoticePush p : due) {
                NoticePush leased = p.leased(leaseUntil, now);
                int n = sql.stmt("UPDATE {p}notice_pushes SET lease_until = ?, updated_at = ?, version = ?"
                                + " WHERE id = ? AND version = ?")
                        .instant(leaseUntil).instant(now).lng(leased.version()).uuid(p.id()).lng(p.version()).execute();
                if (n == 1) {
                    claimed.add(leased);
                }
            }
        });
        return claimed;
    }

    @Override
    public void updatePush(NoticePush p) {
        sql.write("update notice push " + p.id(), () -> {
            int n = sql.stmt("UPDATE {p}notice_pushes SET status = ?, attempts = ?, next_attempt_at = ?, lease_until = ?,"
                            + " last_error = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?")
                    .enumName(p.status()).integer(p.attempts()).instant(p.nextAttemptAt())
                    .instant(p.leaseUntil().orElse(null)).text(p.lastError()).instant(p.updatedAt()).lng(p.version())
                    .uuid(p.id()).lng(p.version() - 1)
                    .execute();
            if (n == 0) {
                Optional<Long> stored = sql.stmt("SELECT version FROM {p}notice_pushes WHERE id = ?").uuid(p.id())
                        .one(r -> r.lng("version"));
                if (stored.isEmpty()) {
                    throw new NotFoundException("no notice push " + p.id());
                }
                throw new ConflictException("notice push " + p.id() + " is at version " + stored.get()
                        + ", the update expected " + (p.version() - 1));
            }
        });
    }

    @Override
    public List<NoticePush> pushes(NoticeId id) {
        return sql.read("list the pushes of notice " + id, () -> sql.stmt("SELECT " + PUSH_COLUMNS
                + " FROM {p}notice_pushes WHERE notice_id = ? ORDER BY id").uuid(id.value()).list(JdbcNotifications::readPush));
    }
}
