package io.crmkit.jdbc.internal.satisfaction;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.satisfaction.SurveyQuery;
import io.crmkit.core.satisfaction.SurveyRepository;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.satisfaction.SurveyResponseId;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import io.crmkit.jdbc.internal.sql.AccessSql;
import io.crmkit.jdbc.internal.sql.CustomerMoves;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Survey responses in {@code survey_responses}. */
public final class JdbcSurveys implements SurveyRepository {
    private static final String COLUMNS = "id, customer_id, kind, score, note, touchpoint, channel, responded_at";

    private final Sql sql;

    public JdbcSurveys(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(SurveyResponse r) {
        sql.write("insert survey response " + r.id(), () -> sql.stmt(
                        "INSERT INTO {p}survey_responses (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .uuid(r.id().value()).uuid(r.customerId().value()).enumName(r.kind()).integer(r.score())
                .text(r.comment()).text(r.touchpoint()).enumName(r.channel().orElse(null)).instant(r.respondedAt())
                .execute());
    }

    @Override
    public Optional<SurveyResponse> findById(SurveyResponseId id) {
        return sql.read("find survey response " + id, () -> sql.stmt(
                "SELECT " + COLUMNS + " FROM {p}survey_responses WHERE id = ?").uuid(id.value()).one(JdbcSurveys::read));
    }

    @Override
    public Page<SurveyResponse> search(SurveyQuery q, AccessScope scope, PageRequest page) {
        Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
        AccessSql.Condition access = AccessSql.ofCustomer(scope, "customer_id");
        if (access.nothing()) {
            return Page.last(List.of());
        }
        return sql.read("find survey responses", () -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            q.kind().ifPresent(k -> where.append(" AND kind = ?"));
            q.customerId().ifPresent(c -> where.append(" AND customer_id = ?"));
            q.channel().ifPresent(c -> where.append(" AND channel = ?"));
            q.touchpoint().ifPresent(t -> where.append(" AND touchpoint = ?"));
            q.from().ifPresent(f -> where.append(" AND responded_at >= ?"));
            q.to().ifPresent(t -> where.append(" AND responded_at < ?"));
            where.append(access.sql());
            after.ifPresent(k -> where.append(" AND id > ?"));
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}survey_responses" + where
                    + " ORDER BY id LIMIT " + (page.limit() + 1));
            q.kind().ifPresent(s::enumName);
            q.customerId().ifPresent(c -> s.uuid(c.value()));
            q.channel().ifPresent(s::enumName);
            q.touchpoint().ifPresent(s::text);
            q.from().ifPresent(s::instant);
            q.to().ifPresent(s::instant);
            access.bind().accept(s);
            after.ifPresent(k -> s.uuid(k.id()));
            return Cursor.page(s.list(JdbcSurveys::read), page.limit(),
                    r -> new Cursor.IdKey(r.id().value()));
        });
    }

    private static SurveyResponse read(Row r) throws java.sql.SQLException {
        return new SurveyResponse(new SurveyResponseId(r.uuid("id")), new CustomerId(r.uuid("customer_id")),
                r.enumValue(SurveyKind.class, "kind"), r.integer("score"), r.optText("note"), r.optText("touchpoint"),
                r.optEnum(InteractionChannel.class, "channel"), r.instant("responded_at"));
    }

    @Override
    public List<UUID> reassignCustomer(CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "survey_responses", false).move(from, to, null);
    }

    @Override
    public List<UUID> reassignCustomer(Collection<UUID> ids, CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "survey_responses", false).move(from, to, ids);
    }
}
