package io.crmkit.bench.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The hand-written baselines' reads, the best plain JDBC for the work crm-jdbc does: the statements crm-jdbc
 * runs on each database, prepared once on the baseline's connection and reused as a hand-written loop would,
 * read by column index straight from the {@code ResultSet}s into one list of values.
 *
 * <ul>
 *   <li>A customer by id: its row, then its seven child tables as crm-jdbc reads them
 *       ({@code ChildTables.load}): on PostgreSQL one {@code UNION ALL} statement of the seven selects; on
 *       embedded H2 the seven selects one by one, which H2 runs faster than their union. Same SQL text.</li>
 *   <li>A timeline page: the newest 51 of the customer's interactions (the 51st tells whether there is a next
 *       page), then the links of the 50 shown in one {@code IN} statement.</li>
 * </ul>
 *
 * <p>A customer's values are, in order: the 13 columns of its row, then per child row its part (0 consents,
 * 1 emails, 2 phones, 3 addresses, 4 tags, 5 attributes, 6 external references) and the part's columns, in
 * crm-jdbc's order ({@code ORDER BY customer_id, part, seq}). {@code PlainJdbcTest} checks them against crmkit's
 * customers. Not thread-safe: one instance per benchmark thread and connection.
 */
final class PlainJdbc implements AutoCloseable {
    static final String CUSTOMER_COLUMNS = "id, kind, display_name, stage, owner_id, department_id, organization_id,"
            + " job_title, time_zone, archived_at, created_at, updated_at, version";
    static final String INTERACTION_COLUMNS = "id, customer_id, channel, direction, subject, notes, occurred_at,"
            + " duration_nanos, author, outcome, recorded_at, delivery_status, provider_message_id";
    static final int PAGE = 50;

    /** crm-jdbc's child selects (ChildTables.SELECTS), {@code %s} for the table prefix. */
    private static final String[] CHILD_SELECTS = {
        "SELECT customer_id, 0 AS part, 0 AS seq, channel AS a, consent_status AS b, consent_source AS c, NULL AS d,"
                + " NULL AS e, given_at AS t FROM %scustomer_consents",
        "SELECT customer_id, 1 AS part, seq, email AS a, NULL AS b, NULL AS c, NULL AS d, NULL AS e, NULL AS t"
                + " FROM %scustomer_emails",
        "SELECT customer_id, 2 AS part, seq, phone AS a, NULL AS b, NULL AS c, NULL AS d, NULL AS e, NULL AS t"
                + " FROM %scustomer_phones",
        "SELECT customer_id, 3 AS part, seq, street AS a, city AS b, region AS c, postal_code AS d, country AS e,"
                + " NULL AS t FROM %scustomer_addresses",
        "SELECT customer_id, 4 AS part, seq, tag AS a, NULL AS b, NULL AS c, NULL AS d, NULL AS e, NULL AS t"
                + " FROM %scustomer_tags",
        "SELECT customer_id, 5 AS part, seq, attr_name AS a, attr_type AS b, attr_value AS c, NULL AS d, NULL AS e,"
                + " NULL AS t FROM %scustomer_attributes",
        "SELECT customer_id, 6 AS part, seq, ref_system AS a, ref_id AS b, NULL AS c, NULL AS d, NULL AS e, NULL AS t"
                + " FROM %scustomer_external_refs",
    };

    private final Connection connection;
    private final String prefix;
    private final boolean union;
    private final PreparedStatement customerRow;
    /** H2: the seven selects; PostgreSQL: their union. Each takes the customer id once per select. */
    private final PreparedStatement[] children;
    private final PreparedStatement timelinePage;
    private final PreparedStatement pageLinks;
    private final UUID[] pageIds = new UUID[PAGE + 1];

    PlainJdbc(Connection connection, String kind, String prefix) throws SQLException {
        this.connection = connection;
        this.prefix = prefix;
        this.union = !kind.equals("h2");
        customerRow = connection.prepareStatement("SELECT " + CUSTOMER_COLUMNS + " FROM " + prefix + "customers WHERE id = ?");
        children = prepareChildren(1);
        timelinePage = connection.prepareStatement("SELECT " + INTERACTION_COLUMNS + " FROM " + prefix + "interactions"
                + " WHERE customer_id = ? ORDER BY occurred_at DESC, id DESC LIMIT " + (PAGE + 1));
        pageLinks = connection.prepareStatement(linksSql(PAGE));
    }

    private PreparedStatement[] prepareChildren(int ids) throws SQLException {
        String in = " WHERE customer_id IN (" + marks(ids) + ")";
        if (union) {
            StringBuilder sql = new StringBuilder();
            for (String select : CHILD_SELECTS) {
                sql.append(sql.length() == 0 ? "" : " UNION ALL ").append(String.format(select, prefix)).append(in);
            }
            return new PreparedStatement[] {connection.prepareStatement(sql + " ORDER BY customer_id, part, seq")};
        }
        PreparedStatement[] out = new PreparedStatement[CHILD_SELECTS.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = connection.prepareStatement(String.format(CHILD_SELECTS[i], prefix) + in + " ORDER BY customer_id, seq");
        }
        return out;
    }

    private String linksSql(int n) {
        return "SELECT interaction_id, link_type, linked_id FROM " + prefix + "interaction_links WHERE interaction_id IN ("
                + marks(n) + ") ORDER BY interaction_id, seq";
    }

    private static String marks(int n) {
        StringBuilder sb = new StringBuilder(3 * n);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.toString();
    }

    /** A customer's row and child rows as values (see the class comment); empty if there is no such customer. */
    List<Object> customer(UUID id) throws SQLException {
        List<Object> out = new ArrayList<>(32);
        customerRow.setObject(1, id);
        try (ResultSet rs = customerRow.executeQuery()) {
            if (!rs.next()) {
                return out;
            }
            readCustomer(rs, out);
        }
        for (PreparedStatement ps : children) {
            int selects = union ? CHILD_SELECTS.length : 1;
            for (int i = 1; i <= selects; i++) {
                ps.setObject(i, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    readChild(rs, out);
                }
            }
        }
        return out;
    }

    private static void readCustomer(ResultSet rs, List<Object> out) throws SQLException {
        out.add(rs.getObject(1, UUID.class));
        for (int i = 2; i <= 6; i++) {
            out.add(rs.getString(i));
        }
        out.add(rs.getObject(7, UUID.class));
        out.add(rs.getString(8));
        out.add(rs.getString(9));
        out.add(rs.getObject(10, OffsetDateTime.class));
        out.add(rs.getObject(11, OffsetDateTime.class));
        out.add(rs.getObject(12, OffsetDateTime.class));
        out.add(rs.getLong(13));
    }

    /** One child row: columns customer_id, part, seq, a, b, c, d, e, t. */
    private static void readChild(ResultSet rs, List<Object> out) throws SQLException {
        int part = rs.getInt(2);
        out.add(part);
        switch (part) {
            case 0 -> {
                out.add(rs.getString(4));
                out.add(rs.getString(5));
                out.add(rs.getString(6));
                out.add(rs.getObject(9, OffsetDateTime.class));
            }
            case 1, 2, 4 -> out.add(rs.getString(4));
            case 3 -> {
                for (int i = 4; i <= 8; i++) {
                    out.add(rs.getString(i));
                }
            }
            case 5 -> {
                out.add(rs.getString(4));
                out.add(rs.getString(5));
                out.add(rs.getString(6));
            }
            case 6 -> {
                out.add(rs.getString(4));
                out.add(rs.getString(5));
            }
            default -> throw new IllegalStateException("unknown part " + part);
        }
    }

    /**
     * The newest 50 interactions of a customer as values (13 columns each, newest first), then the links of
     * those 50 (interaction id, link type, linked id, ordered by interaction id and position).
     */
    List<Object> timeline(UUID customer) throws SQLException {
        List<Object> out = new ArrayList<>(PAGE * 13 + 16);
        int n = 0;
        timelinePage.setObject(1, customer);
        try (ResultSet rs = timelinePage.executeQuery()) {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                pageIds[n++] = id;
                if (n > PAGE) {
                    break; // the 51st row only says there is a next page
                }
                out.add(id);
                out.add(rs.getObject(2, UUID.class));
                for (int i = 3; i <= 6; i++) {
                    out.add(rs.getString(i));
                }
                out.add(rs.getObject(7, OffsetDateTime.class));
                long nanos = rs.getLong(8);
                out.add(rs.wasNull() ? null : nanos);
                out.add(rs.getString(9));
                out.add(rs.getString(10));
                out.add(rs.getObject(11, OffsetDateTime.class));
                out.add(rs.getString(12));
                out.add(rs.getString(13));
            }
        }
        int shown = Math.min(n, PAGE);
        if (shown == 0) {
            return out;
        }
        PreparedStatement links = shown == PAGE ? pageLinks : connection.prepareStatement(linksSql(shown));
        try {
            for (int i = 0; i < shown; i++) {
                links.setObject(i + 1, pageIds[i]);
            }
            try (ResultSet rs = links.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                    out.add(rs.getString(2));
                    out.add(rs.getObject(3, UUID.class));
                }
            }
        } finally {
            if (links != pageLinks) {
                links.close();
            }
        }
        return out;
    }

    /**
     * The customers (with children) holding an email address or phone number: the look-up of the customer
     * rows through the child table, then the children of the customers found in one go (the union on
     * PostgreSQL, the seven selects on H2), as crm-jdbc reads them.
     */
    List<Object> customersBy(String childTable, String column, String value) throws SQLException {
        List<Object> out = new ArrayList<>(32);
        List<UUID> ids = new ArrayList<>(2);
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + CUSTOMER_COLUMNS + " FROM " + prefix + "customers"
                + " WHERE archived_at IS NULL AND id IN (SELECT x.customer_id FROM " + prefix + childTable + " x WHERE x."
                + column + " = ?) ORDER BY id LIMIT 11")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                    readCustomer(rs, out);
                }
            }
        }
        if (ids.isEmpty()) {
            return out;
        }
        PreparedStatement[] statements = ids.size() == 1 ? children : prepareChildren(ids.size());
        try {
            for (PreparedStatement ps : statements) {
                int selects = union ? CHILD_SELECTS.length : 1;
                int i = 1;
                for (int s = 0; s < selects; s++) {
                    for (UUID id : ids) {
                        ps.setObject(i++, id);
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        readChild(rs, out);
                    }
                }
            }
        } finally {
            if (statements != children) {
                for (PreparedStatement ps : statements) {
                    ps.close();
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        customerRow.close();
        for (PreparedStatement ps : children) {
            ps.close();
        }
        timelinePage.close();
        pageLinks.close();
    }
}
