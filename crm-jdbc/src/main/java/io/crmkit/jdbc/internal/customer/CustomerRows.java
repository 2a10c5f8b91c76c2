package io.crmkit.jdbc.internal.customer;

import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerKind;
import io.crmkit.core.customer.LifecycleStage;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The {@code customers} table: its columns, how a customer binds to them and how a row reads back. */
final class CustomerRows {
    static final String COLUMNS = "id, kind, display_name, stage, owner_id, department_id, organization_id,"
            + " job_title, time_zone, archived_at, created_at, updated_at, version";

    private static final List<String> INSERT_COLUMNS = List.of("id", "kind", "display_name", "name_lower", "stage",
            "owner_id", "department_id", "organization_id", "job_title", "time_zone", "archived_at", "created_at",
            "updated_at", "version");

    private CustomerRows() {
    }

    static void insert(Sql sql, List<Customer> customers) {
        Sql.Batch b = sql.insert("customers", INSERT_COLUMNS);
        for (Customer c : customers) {
            b.uuid(c.id().value());
            bindState(b, c);
            b.add();
        }
        b.execute();
    }

    /** Updates the row if its version is the one before {@code c}'s; the number of rows updated. */
    static int update(Sql sql, Customer c) {
        Sql.Stmt s = sql.stmt("UPDATE {p}customers SET kind = ?, display_name = ?, name_lower = ?, stage = ?, owner_id = ?,"
                + " department_id = ?, organization_id = ?, job_title = ?, time_zone = ?, archived_at = ?,"
                + " created_at = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?");
        bindState(s, c);
        return s.uuid(c.id().value()).lng(c.version() - 1).execute();
    }

    private static void bindState(Sql.Params<?> p, Customer c) {
        p.enumName(c.kind()).text(c.displayName()).text(lower(c.displayName())).enumName(c.stage())
                .text(c.owner().map(UserRef::id)).text(c.department().map(DepartmentRef::id))
                .uuid(c.organizationId().map(CustomerId::value).orElse(null)).text(c.jobTitle())
                .text(c.timeZone().map(ZoneId::getId).orElse(null)).instant(c.archivedAt().orElse(null))
                .instant(c.createdAt()).instant(c.updatedAt()).lng(c.version());
    }

    /** The columns with a table alias: {@code c.id, c.kind, ...}. */
    static String columns(String alias) {
        StringBuilder sb = new StringBuilder();
        for (String col : COLUMNS.split(",")) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(alias).append('.').append(col.strip());
        }
        return sb.toString();
    }

    /** A customer row before its children are loaded. */
    record Loaded(UUID id, Customer.Builder builder) {
    }

    static Loaded read(Row r) throws SQLException {
        UUID id = r.uuid("id");
        return new Loaded(id, Customer.builder()
                .id(new CustomerId(id))
                .kind(r.enumValue(CustomerKind.class, "kind"))
                .displayName(r.text("display_name"))
                .stage(r.enumValue(LifecycleStage.class, "stage"))
                .owner(r.optText("owner_id").map(UserRef::new).orElse(null))
                .department(r.optText("department_id").map(DepartmentRef::new).orElse(null))
                .organizationId(r.optUuid("organization_id").map(CustomerId::new).orElse(null))
                .jobTitle(r.nullableText("job_title"))
                .timeZone(r.optText("time_zone").map(ZoneId::of).orElse(null))
                .archivedAt(r.nullableInstant("archived_at"))
                .createdAt(r.instant("created_at"))
                .updatedAt(r.instant("updated_at"))
                .version(r.lng("version")));
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
