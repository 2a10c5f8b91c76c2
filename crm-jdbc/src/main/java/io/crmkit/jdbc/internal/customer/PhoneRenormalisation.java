package io.crmkit.jdbc.internal.customer;

import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.jdbc.internal.sql.DataProblems;
import io.crmkit.jdbc.internal.sql.Dialect;
import io.crmkit.jdbc.internal.sql.Errors;
import io.crmkit.jdbc.internal.sql.Sql;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration V5: stored phone numbers were normalised by an earlier hand-written parser, and some are wrong
 * ({@code +789123456789} for {@code +79123456789}: a national trunk prefix kept after the country code). Every
 * stored number is parsed again with {@link PhoneNumber#parse(String, String)} (the default region from the
 * placeholder {@code phone_region}, though stored numbers carry their {@code +} and country code):
 *
 * <ul>
 *   <li>a number that parses to another text is replaced; a customer whose numbers become equal keeps one of
 *       them, in the place of the first; the customer's version goes up, so an edit begun before the migration
 *       fails as a conflict instead of writing the old numbers back;</li>
 *   <li>a number that no longer parses is kept, unchanged and in its place, and listed in {@code data_problems}
 *       (field {@code phones[i]}), with one WARN line giving their count.</li>
 * </ul>
 *
 * <p>Runs in Flyway's transaction, so it is applied whole or not at all. Customers are read 500 at a time.
 */
public final class PhoneRenormalisation extends BaseJavaMigration {
    /** The placeholder holding the default region for numbers without a country code. */
    public static final String REGION_PLACEHOLDER = "phone_region";
    static final String MIGRATION = "V5";
    private static final int CUSTOMERS_PER_READ = 500;
    private static final Logger LOG = LoggerFactory.getLogger(PhoneRenormalisation.class);

    private final Errors errors;
    private final Clock clock;

    /**
     * @param errors maps SQL errors, as the storage does
     * @param clock  dates the problems found
     */
    public PhoneRenormalisation(Errors errors, Clock clock) {
        this.errors = errors;
        this.clock = clock;
    }

    /** Version and description are given here rather than taken from the class name. */
    @Override
    protected void init() {
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("5");
    }

    @Override
    public String getDescription() {
        return "renormalise phone numbers";
    }

    @Override
    public void migrate(Context context) throws Exception {
        Map<String, String> placeholders = context.getConfiguration().getPlaceholders();
        String prefix = placeholders.getOrDefault("prefix", "");
        String region = placeholders.getOrDefault(REGION_PLACEHOLDER, "CN");
        Connection connection = context.getConnection();
        Sql sql = new Sql(connection, Dialect.detect(connection), prefix, errors);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Result result = new Result();
        sql.write("renormalise stored phone numbers", () -> {
            Optional<UUID> after = Optional.empty();
            while (true) {
                Map<UUID, List<String>> phones = nextCustomers(sql, after);
                if (phones.isEmpty()) {
                    break;
                }
                phones.forEach((customer, stored) -> renormalise(sql, customer, stored, region, now, result));
                after = Optional.of(new ArrayList<>(phones.keySet()).get(phones.size() - 1));
            }
            DataProblems.insert(sql, result.problems);
        });
        LOG.info("{}: {} phone numbers of {} customers renormalised, {} numbers merged into an equal one",
                MIGRATION, result.changed, result.customers, result.merged);
        if (!result.problems.isEmpty()) {
            LOG.warn("{}: {} stored phone numbers do not parse and were kept unchanged; JdbcStorage.dataProblems() lists them",
                    MIGRATION, result.problems.size());
        }
    }

    /** The phone numbers of the next customers after {@code after} that have any, in id and position order. */
    private static Map<UUID, List<String>> nextCustomers(Sql sql, Optional<UUID> after) {
        Sql.Stmt ids = sql.stmt("SELECT DISTINCT customer_id FROM {p}customer_phones"
                + (after.isPresent() ? " WHERE customer_id > ?" : "") + " ORDER BY customer_id LIMIT " + CUSTOMERS_PER_READ);
        after.ifPresent(ids::uuid);
        List<UUID> customers = ids.list(r -> r.uuid("customer_id"));
        Map<UUID, List<String>> phones = new LinkedHashMap<>();
        if (customers.isEmpty()) {
            return phones;
        }
        customers.forEach(c -> phones.put(c, new ArrayList<>()));
        sql.stmt("SELECT customer_id, phone FROM {p}customer_phones WHERE customer_id IN (" + Sql.marks(customers.size())
                        + ") ORDER BY customer_id, seq").uuids(customers)
                .list(r -> Objects.requireNonNull(phones.get(r.uuid("customer_id"))).add(r.text("phone")));
        return phones;
    }

    private static void renormalise(Sql sql, UUID customer, List<String> stored, String region, Instant now, Result result) {
        LinkedHashSet<String> renormalised = new LinkedHashSet<>();
        Map<String, String> unparsable = new LinkedHashMap<>();
        for (String phone : stored) {
            String value;
            try {
                value = PhoneNumber.parse(phone, region).value();
            } catch (RuntimeException e) {
                value = phone;
                unparsable.putIfAbsent(phone, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            if (!value.equals(phone)) {
                result.changed++;
            }
            if (!renormalised.add(value)) {
                result.merged++;
            }
        }
        List<String> kept = new ArrayList<>(renormalised);
        if (!kept.equals(stored)) {
            result.customers++;
            sql.stmt("DELETE FROM {p}customer_phones WHERE customer_id = ?").uuid(customer).execute();
            Sql.Batch insert = sql.batch("INSERT INTO {p}customer_phones (customer_id, seq, phone) VALUES (?, ?, ?)");
            for (int seq = 0; seq < kept.size(); seq++) {
                insert.uuid(customer).integer(seq).text(kept.get(seq)).add();
            }
            insert.execute();
            sql.stmt("UPDATE {p}customers SET version = version + 1 WHERE id = ?").uuid(customer).execute();
        }
        unparsable.forEach((phone, reason) -> result.problems.add(new DataProblems.Problem(UUID.randomUUID(), "customer",
                customer, "phones[" + kept.indexOf(phone) + "]", phone, reason, MIGRATION, now)));
    }

    private static final class Result {
        int customers;
        int changed;
        int merged;
        final List<DataProblems.Problem> problems = new ArrayList<>();
    }
}
