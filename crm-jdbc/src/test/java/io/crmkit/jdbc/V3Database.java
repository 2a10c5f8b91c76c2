package io.crmkit.jdbc;

import io.crmkit.core.customer.Consent;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.messaging.Attachment;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A database as crmkit left it before version 4: the schema of the frozen V1 to V3 scripts of the database's
 * folder, migrated the way those releases did (Flyway, crmkit's own history table, baseline 0), and rows
 * written with plain SQL in that schema, bypassing today's code.
 */
final class V3Database implements AutoCloseable {
    private final Connection connection;
    private final String prefix;
    private final boolean mariaDb;
    private final boolean postgres;

    private V3Database(Connection connection, String prefix, String folder) {
        this.connection = connection;
        this.prefix = prefix;
        this.mariaDb = folder.equals("mariadb");
        this.postgres = folder.equals("postgresql");
    }

    /** Creates the V3 schema with {@code prefix} and opens a connection to write rows into it. */
    static V3Database create(String url, String user, String password, String prefix) throws SQLException {
        String folder = url.startsWith("jdbc:h2:") ? "h2" : url.startsWith("jdbc:postgresql:") ? "postgresql" : "mariadb";
        Flyway.configure(V3Database.class.getClassLoader())
                .dataSource(url, user, password)
                .locations("classpath:io/crmkit/jdbc/migration/" + folder)
                .table(prefix + "schema_history")
                .placeholders(Map.of("prefix", prefix))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .target("3")
                .load()
                .migrate();
        V3Database db = new V3Database(DriverManager.getConnection(url, user, password), prefix, folder);
        if (db.mariaDb) {
            try (var s = db.connection.createStatement()) {
                s.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')");
            }
        }
        return db;
    }

    void insert(Customer c) throws SQLException {
        UUID id = c.id().value();
        run("INSERT INTO " + prefix + "customers (id, kind, display_name, name_lower, stage, owner_id, department_id,"
                        + " organization_id, job_title, time_zone, archived_at, created_at, updated_at, version)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, c.kind().name(), c.displayName(), c.displayName().toLowerCase(Locale.ROOT), c.stage().name(),
                c.owner().map(UserRef::id).orElse(null), c.department().map(DepartmentRef::id).orElse(null), null, c.jobTitle().orElse(null),
                c.timeZone().map(Object::toString).orElse(null), c.archivedAt().orElse(null), c.createdAt(),
                c.updatedAt(), c.version());
        int seq = 0;
        for (EmailAddress e : c.emails()) {
            run("INSERT INTO " + prefix + "customer_emails (customer_id, seq, email, email_lower) VALUES (?, ?, ?, ?)",
                    id, seq++, e.value(), e.value().toLowerCase(Locale.ROOT));
        }
        seq = 0;
        for (PhoneNumber p : c.phones()) {
            insertPhone(id, seq++, p.value());
        }
        seq = 0;
        for (PostalAddress a : c.addresses()) {
            run("INSERT INTO " + prefix + "customer_addresses (customer_id, seq, street, city, region, postal_code, country)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", id, seq++, a.street(), a.city(), a.region().orElse(null),
                    a.postalCode().orElse(null), a.country().orElse(null));
        }
        seq = 0;
        for (String t : c.tags()) {
            run("INSERT INTO " + prefix + "customer_tags (customer_id, seq, tag) VALUES (?, ?, ?)", id, seq++, t);
        }
        seq = 0;
        for (var e : c.attributes().entrySet()) {
            run("INSERT INTO " + prefix + "customer_attributes (customer_id, seq, attr_name, attr_type, attr_value)"
                    + " VALUES (?, ?, ?, ?, ?)", id, seq++, e.getKey(), e.getValue().type().name(), e.getValue().asText());
        }
        seq = 0;
        for (ExternalRef r : c.externalRefs()) {
            run("INSERT INTO " + prefix + "customer_external_refs (customer_id, seq, ref_system, ref_id) VALUES (?, ?, ?, ?)",
                    id, seq++, r.system(), r.id());
        }
        for (Consent k : c.consents().values()) {
            run("INSERT INTO " + prefix + "customer_consents (customer_id, channel, consent_status, given_at, consent_source)"
                    + " VALUES (?, ?, ?, ?, ?)", id, k.channel().name(), k.status().name(), k.at(), k.source());
        }
    }

    /** A phone row as the old parser may have left it: any text, not checked. */
    void insertPhone(UUID customer, int seq, String phone) throws SQLException {
        run("INSERT INTO " + prefix + "customer_phones (customer_id, seq, phone) VALUES (?, ?, ?)", customer, seq, phone);
    }

    void insert(Interaction i) throws SQLException {
        run("INSERT INTO " + prefix + "interactions (id, customer_id, channel, direction, subject, notes, occurred_at,"
                        + " duration_nanos, author, outcome, recorded_at, delivery_status, provider_message_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                i.id().value(), i.customerId().value(), i.channel().name(), i.direction().name(), i.subject().orElse(null),
                i.notes().orElse(null), i.occurredAt(), i.duration().map(Duration::toNanos).orElse(null), i.author().id(),
                i.outcome().orElse(null), i.recordedAt(), i.deliveryStatus().map(Enum::name).orElse(null),
                i.providerMessageId().orElse(null));
        int seq = 0;
        for (RecordLink l : i.links()) {
            run("INSERT INTO " + prefix + "interaction_links (interaction_id, seq, link_type, linked_id) VALUES (?, ?, ?, ?)",
                    i.id().value(), seq++, l.type().name(), l.id());
        }
    }

    void insert(OutboxMessage m) throws SQLException {
        MessageContent content = m.message().content();
        String subject = content instanceof MessageContent.Email e ? e.subject() : null;
        String body = content instanceof MessageContent.Email e ? e.text() : ((MessageContent.Sms) content).text();
        String html = content instanceof MessageContent.Email e ? e.html().orElse(null) : null;
        String replyTo = content instanceof MessageContent.Email e ? e.replyTo().orElse(null) : null;
        run("INSERT INTO " + prefix + "outbox (id, idempotency_key, recipient, kind, subject, body, html, reply_to, audio_url,"
                        + " status_callback_url, customer_id, interaction_id, status, attempts, next_attempt_at, lease_until,"
                        + " last_error, provider_message_id, created_at, updated_at, version)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                m.id().value(), m.message().idempotencyKey(), m.message().to(), m.kind().name(), subject, body, html, replyTo,
                null, null, m.customerId().value(), m.interactionId().value(), m.status().name(), m.attempts(),
                m.nextAttemptAt(), m.leaseUntil().orElse(null), m.lastError().orElse(null),
                m.providerMessageId().orElse(null), m.createdAt(), m.updatedAt(), m.version());
        if (content instanceof MessageContent.Email e) {
            int seq = 0;
            for (Attachment a : e.attachments()) {
                run("INSERT INTO " + prefix + "outbox_attachments (message_id, seq, file_name, content_type, content)"
                        + " VALUES (?, ?, ?, ?, ?)", m.id().value(), seq++, a.fileName(), a.contentType(), a.content());
            }
        }
    }

    private void run(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                bind(ps, i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private void bind(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v == null) {
            // PostgreSQL infers the column's type from an untyped null, and only from that
            ps.setNull(i, postgres ? Types.OTHER : Types.NULL);
        } else if (v instanceof UUID u) {
            if (mariaDb) {
                ps.setBytes(i, ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                        .putLong(u.getLeastSignificantBits()).array());
            } else {
                ps.setObject(i, u);
            }
        } else if (v instanceof Instant t) {
            ps.setObject(i, mariaDb ? LocalDateTime.ofInstant(t, ZoneOffset.UTC) : t.atOffset(ZoneOffset.UTC));
        } else if (v instanceof byte[] b) {
            ps.setBytes(i, b);
        } else {
            ps.setObject(i, v);
        }
    }

    /** The versions crmkit's history table says were migrated (its baseline left out), in the order applied. */
    List<String> appliedVersions() throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (var s = connection.createStatement();
             var rs = s.executeQuery("SELECT \"version\" FROM \"" + prefix + "schema_history\" WHERE \"success\" = "
                     + (mariaDb ? "1" : "TRUE") + " AND \"version\" IS NOT NULL AND \"type\" <> 'BASELINE' ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
