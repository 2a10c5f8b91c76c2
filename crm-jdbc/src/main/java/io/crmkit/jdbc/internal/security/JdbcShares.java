package io.crmkit.jdbc.internal.security;

import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.Share;
import io.crmkit.core.security.ShareAccess;
import io.crmkit.core.security.ShareCause;
import io.crmkit.core.security.ShareRepository;
import io.crmkit.core.security.UserRef;
import io.crmkit.jdbc.internal.sql.AccessSql;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Shares in {@code shares}, one row per record and grantee (the primary key), the grantee as a type ({@code U} or
 * {@code D}, {@link AccessSql}) and an id. The listings find the records shared with an actor through the index
 * on (kind, grantee type, grantee id, record id).
 */
public final class JdbcShares implements ShareRepository {
    private static final List<String> COLUMNS = List.of("kind", "record_id", "grantee_type", "grantee_id", "access", "cause",
            "shared_by", "shared_at");
    private static final List<String> KEY = List.of("kind", "record_id", "grantee_type", "grantee_id");
    /** The order of {@link #of}: by grantee id as Java compares strings (not as the database collates), users first. */
    private static final Comparator<Share> ORDER = Comparator.comparing((Share s) -> s.grantee().id())
            .thenComparing(s -> s.grantee() instanceof DepartmentRef);

    private final Sql sql;
    private final String upsert;

    public JdbcShares(Sql sql) {
        this.sql = sql;
        this.upsert = sql.dialect().upsert("{p}shares", COLUMNS, KEY);
    }

    @Override
    public void put(Share share) {
        sql.write("share " + share.kind() + " " + share.recordId(), () -> sql.stmt(upsert)
                .enumName(share.kind()).uuid(share.recordId()).text(AccessSql.granteeType(share.grantee()))
                .text(share.grantee().id()).enumName(share.access()).enumName(share.cause()).text(share.sharedBy().id())
                .instant(share.sharedAt())
                .execute());
    }

    @Override
    public boolean remove(RecordKind kind, UUID recordId, Grantee grantee) {
        int[] removed = new int[1];
        sql.write("remove a share of " + kind + " " + recordId, () -> removed[0] = sql.stmt("DELETE FROM {p}shares"
                        + " WHERE kind = ? AND record_id = ? AND grantee_type = ? AND grantee_id = ?")
                .enumName(kind).uuid(recordId).text(AccessSql.granteeType(grantee)).text(grantee.id())
                .execute());
        return removed[0] > 0;
    }

    @Override
    public List<Share> of(RecordKind kind, UUID recordId) {
        return sql.read("list the shares of " + kind + " " + recordId, () -> {
            List<Share> shares = new ArrayList<>(sql.stmt("SELECT " + String.join(", ", COLUMNS)
                    + " FROM {p}shares WHERE kind = ? AND record_id = ?").enumName(kind).uuid(recordId).list(JdbcShares::read));
            shares.sort(ORDER);
            return shares;
        });
    }

    private static Share read(Row r) throws SQLException {
        String id = r.text("grantee_id");
        Grantee grantee = AccessSql.DEPARTMENT.equals(r.text("grantee_type")) ? new DepartmentRef(id) : new UserRef(id);
        return new Share(r.enumValue(RecordKind.class, "kind"), r.uuid("record_id"), grantee,
                r.enumValue(ShareAccess.class, "access"), r.enumValue(ShareCause.class, "cause"),
                new UserRef(r.text("shared_by")), r.instant("shared_at"));
    }
}
