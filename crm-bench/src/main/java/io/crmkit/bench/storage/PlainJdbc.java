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
 * The hand-written baselines' reads: the same rows crmkit reads (a customer row and its seven child
 * tables; an interaction page and its links), straight from {@code ResultSet}s into plain lists.
 */
final class PlainJdbc {
    private static final String[] CHILDREN = {
        "SELECT email, email_lower FROM %scustomer_emails WHERE customer_id = ? ORDER BY seq",
        "SELECT phone FROM %scustomer_phones WHERE customer_id = ? ORDER BY seq",
        "SELECT street, city, region, postal_code, country FROM %scustomer_addresses WHERE customer_id = ? ORDER BY seq",
        "SELECT tag FROM %scustomer_tags WHERE customer_id = ? ORDER BY seq",
        "SELECT attr_name, attr_type, attr_value FROM %scustomer_attributes WHERE customer_id = ? ORDER BY seq",
        "SELECT ref_system, ref_id FROM %scustomer_external_refs WHERE customer_id = ? ORDER BY seq",
        "SELECT channel, consent_status, given_at, consent_source FROM %scustomer_consents WHERE customer_id = ?",
    };
    static final String CUSTOMER_COLUMNS = "c.id, c.kind, c.display_name, c.stage, c.owner_id, c.department_id,"
            + " c.organization_id, c.job_title, c.time_zone, c.archived_at, c.created_at, c.updated_at, c.version";

    private PlainJdbc() {
    }

    /** A customer row and its children as a list of column values; empty if absent. */
    static List<Object> customer(Connection c, String prefix, UUID id) throws SQLException {
        List<Object> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CUSTOMER_COLUMNS + " FROM " + prefix + "customers c WHERE c.id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return out;
                }
                readCustomer(rs, out);
            }
        }
        children(c, prefix, id, out);
        return out;
    }

    static void readCustomer(ResultSet rs, List<Object> out) throws SQLException {
        out.add(rs.getObject(1, UUID.class));
        for (int i = 2; i <= 9; i++) {
            out.add(rs.getString(i));
        }
        out.add(rs.getObject(10, OffsetDateTime.class));
        out.add(rs.getObject(11, OffsetDateTime.class));
        out.add(rs.getObject(12, OffsetDateTime.class));
        out.add(rs.getLong(13));
    }

    static void children(Connection c, String prefix, UUID id, List<Object> out) throws SQLException {
        for (String template : CHILDREN) {
            try (PreparedStatement ps = c.prepareStatement(String.format(template, prefix))) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            out.add(rs.getString(i));
                        }
                    }
                }
            }
        }
    }

    /** The customers (with children) holding an email address or phone number: one look-up, then each one's children. */
    static List<Object> customersBy(Connection c, String prefix, String childTable, String column, String value)
            throws SQLException {
        List<Object> out = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CUSTOMER_COLUMNS + " FROM " + prefix + "customers c"
                + " WHERE c.archived_at IS NULL AND c.id IN (SELECT x.customer_id FROM " + prefix + childTable + " x WHERE x."
                + column + " = ?) ORDER BY c.id LIMIT 11")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                    readCustomer(rs, out);
                }
            }
        }
        for (UUID id : ids) {
            children(c, prefix, id, out);
        }
        return out;
    }
}
