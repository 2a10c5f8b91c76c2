package io.crmkit.bench.storage;

import io.crmkit.core.Crm;
import io.crmkit.core.CrmServices;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A customer search under a department-level access scope beside the same search unrestricted, through one
 * {@code Crm} with an access policy: {@code crm.as(salesperson).customers().search(...)}, whose role sees the
 * customers of their three departments (of 50), the customers they own and those shared with them or their
 * departments, against {@code crm.customers().search(...)} as the system actor, whose statement carries no
 * access condition. Both return a page of 50 at most.
 *
 * <ul>
 *   <li>{@code namePrefix}: the customers whose name starts with "Customer " and a random number from 1000 to
 *       9999, as typed into a search box: 111 customers match, about 7 of them in the scope.</li>
 *   <li>{@code firstPage}: the first page of every customer, the list a salesperson opens: both sides read 50
 *       customers.</li>
 * </ul>
 *
 * <p>{@code size} customers (each with an email, a phone and two tags) are owned by 500 users, ten per
 * department; every 97th customer is shared with a department or a user. The setup checks that the scoped
 * search returns exactly the unrestricted one's customers that the scope admits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AccessScopeBenchmark {
    static final int OWNERS = 500;
    static final int SHARE_EVERY = 97;
    static final Set<DepartmentRef> DEPARTMENTS = Set.of(DepartmentRef.of("d7"), DepartmentRef.of("d21"),
            DepartmentRef.of("d42"));
    static final Actor SALESPERSON = Actor.user("u7").withRoles("sales").inDepartments(DEPARTMENTS.toArray(DepartmentRef[]::new));
    static final AccessPolicy POLICY = AccessPolicy.builder()
            .grant("sales", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER, Action.READ).build();
    static final int PAGE = 50;

    @Param({"postgresql"})
    public String db;

    @Param({"1000000"})
    public int size;

    private Crm crm;
    private CrmServices system;
    private CrmServices salesperson;
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void load() throws SQLException {
        BenchDatabase.Shared shared = BenchDatabase.shared(db, size + " owned customers", d -> {
            d.generateCustomers(size, OWNERS);
            d.generateShares(size, SHARE_EVERY);
        });
        crm = Crm.builder().storage(shared.database().storage()).access(POLICY).build();
        system = crm; // the default actor, the system
        salesperson = crm.as(SALESPERSON);
        Set<UUID> sharedIds = sharedWithTheSalesperson(shared.connection(), shared.database());
        for (String prefix : List.of("Customer 4242", "Customer 1000", "Customer 9999", "Customer 7")) {
            check(CustomerQuery.all().nameStartsWith(prefix), sharedIds);
        }
        check(CustomerQuery.all(), sharedIds);
        warmOnce();
    }

    private static boolean warmed;

    /**
     * Runs every search of both sides once per JVM, so that the tables and indexes they read are in the database's
     * caches before the first measurement, whichever side JMH runs first.
     */
    private void warmOnce() {
        synchronized (AccessScopeBenchmark.class) {
            if (warmed) {
                return;
            }
            for (int n = 1000; n <= 9999; n++) {
                namePrefix(system, n);
                namePrefix(salesperson, n);
            }
            warmed = true;
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        crm.close();
    }

    /** The customers shared with the salesperson or their departments, as the generator made them. */
    private static Set<UUID> sharedWithTheSalesperson(Connection c, BenchDatabase d) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT record_id FROM " + d.t("shares")
                + " WHERE kind = 'CUSTOMER' AND ((grantee_type = 'U' AND grantee_id = ?) OR (grantee_type = 'D' AND grantee_id IN (?, ?, ?)))")) {
            ps.setString(1, SALESPERSON.user().id());
            int i = 2;
            for (DepartmentRef dep : DEPARTMENTS) {
                ps.setString(i++, dep.id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** The scoped search's first 1,000 are the unrestricted first 20,000 that the scope admits, in order. */
    private void check(CustomerQuery query, Set<UUID> shared) {
        UserRef user = SALESPERSON.user();
        List<Customer> all = all(system, query, 20_000);
        List<Customer> admitted = all.stream().filter(c -> c.owner().map(user::equals).orElse(false)
                || c.department().map(DEPARTMENTS::contains).orElse(false) || shared.contains(c.id().value())).toList();
        List<Customer> scoped = all(salesperson, query, admitted.size());
        if (admitted.isEmpty() || admitted.size() == all.size() || !scoped.equals(admitted)) {
            throw new IllegalStateException("the scoped search of " + query + " returned " + scoped.size()
                    + " customers, expected " + admitted.size() + " of " + all.size());
        }
    }

    private static List<Customer> all(CrmServices services, CustomerQuery query, int limit) {
        List<Customer> out = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (out.size() < limit) {
            Page<Customer> p = services.customers().search(query, page);
            out.addAll(p.items());
            if (!p.hasNext()) {
                break;
            }
            page = page.next(p).orElseThrow();
        }
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    private static List<Customer> namePrefix(CrmServices services, int number) {
        return services.customers().search(CustomerQuery.all().nameStartsWith("Customer " + number), PageRequest.first(PAGE))
                .items();
    }

    private int nextNumber() {
        return 1000 + random.nextInt(9000);
    }

    @Benchmark
    public List<Customer> namePrefixScoped() {
        return namePrefix(salesperson, nextNumber());
    }

    @Benchmark
    public List<Customer> namePrefixUnrestricted() {
        return namePrefix(system, nextNumber());
    }

    @Benchmark
    public List<Customer> firstPageScoped() {
        return salesperson.customers().search(CustomerQuery.all(), PageRequest.first(PAGE)).items();
    }

    @Benchmark
    public List<Customer> firstPageUnrestricted() {
        return system.customers().search(CustomerQuery.all(), PageRequest.first(PAGE)).items();
    }
}
