package io.crmkit.jdbc.internal.customer;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.CustomerRepository;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import io.crmkit.jdbc.internal.sql.Dialect;
import io.crmkit.jdbc.internal.sql.Sql;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Customers in {@code customers} and seven child tables ({@link ChildTables}), for one unit of work. The
 * repository keeps the customers it loaded or wrote in its unit of work, so an update writes only the child
 * rows that differ from the stored customer: the services load a customer before they change it, and
 * archiving or a consent answer then touches the customer row and at most the consent rows.
 */
public final class JdbcCustomers implements CustomerRepository {
    /** At most this many customers are kept per unit of work; past it the map starts over. */
    static final int KEPT = 10_000;

    private final Sql sql;
    /** Customers as stored in this unit of work, by id: loaded, inserted or updated by it. */
    private final Map<CustomerId, Customer> stored = new HashMap<>();

    public JdbcCustomers(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Customer c) {
        sql.write("insert customer " + c.id(), () -> insertRows(List.of(c)));
        keep(c);
    }

    /** One JDBC batch for the customers and one per child table; all or nothing. */
    @Override
    public void insertAll(List<Customer> customers) {
        if (customers.isEmpty()) {
            return;
        }
        sql.write("insert " + customers.size() + " customers", () -> insertRows(customers));
        customers.forEach(this::keep);
    }

    private void insertRows(List<Customer> customers) {
        CustomerRows.insert(sql, customers);
        ChildTables.insert(sql, customers);
    }

    @Override
    public Set<CustomerId> existingIds(Collection<CustomerId> ids) {
        return sql.read("check which customers exist", () -> {
            Set<CustomerId> found = new HashSet<>();
            for (List<UUID> chunk : Sql.chunks(ids.stream().map(CustomerId::value).distinct().toList(), Sql.IN_CHUNK)) {
                sql.stmt("SELECT id FROM {p}customers WHERE id IN (" + Sql.marks(chunk.size()) + ")").planEachTime().uuids(chunk)
                        .list(r -> found.add(new CustomerId(r.uuid("id"))));
            }
            return found;
        });
    }

    @Override
    public Map<String, Customer> findByExternalRefs(String system, Collection<String> ids) {
        return sql.read("find customers by external references", () -> {
            Map<String, Customer> found = new HashMap<>();
            for (List<String> chunk : Sql.chunks(new LinkedHashSet<>(ids), Sql.IN_CHUNK)) {
                Sql.Stmt s;
                if (sql.dialect() == Dialect.H2) {
                    // H2 uses an index for an IN list on the index's first column only; a row IN list uses
                    // the whole (ref_system, ref_id) index
                    s = sql.stmt("SELECT r.ref_id AS match_key, " + CustomerRows.columns("c") + " FROM {p}customers c"
                            + " JOIN {p}customer_external_refs r ON r.customer_id = c.id"
                            + " WHERE (r.ref_system, r.ref_id) IN (" + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?)")) + ")")
                            .planEachTime();
                    chunk.forEach(id -> s.text(system).text(id));
                } else {
                    s = sql.stmt("SELECT r.ref_id AS match_key, " + CustomerRows.columns("c") + " FROM {p}customers c"
                            + " JOIN {p}customer_external_refs r ON r.customer_id = c.id"
                            + " WHERE r.ref_system = ? AND r.ref_id IN (" + Sql.marks(chunk.size()) + ")").planEachTime().text(system);
                    chunk.forEach(s::text);
                }
                found.putAll(matches(s));
            }
            return found;
        });
    }

    @Override
    public Map<String, Customer> findByEmails(Collection<String> emails) {
        return sql.read("find customers by email", () -> {
            Set<String> keys = new LinkedHashSet<>();
            emails.forEach(e -> keys.add(CustomerRows.lower(e)));
            Map<String, Customer> found = new HashMap<>();
            for (List<String> chunk : Sql.chunks(keys, Sql.IN_CHUNK)) {
                Sql.Stmt s = sql.stmt("SELECT e.email_lower AS match_key, " + CustomerRows.columns("c") + " FROM {p}customers c"
                        + " JOIN {p}customer_emails e ON e.customer_id = c.id"
                        + " WHERE e.email_lower IN (" + Sql.marks(chunk.size()) + ") ORDER BY c.id").planEachTime();
                chunk.forEach(s::text);
                found.putAll(matches(s)); // id order: the oldest customer with a key comes first and wins
            }
            return found;
        });
    }

    /** Runs a look-up whose rows are a {@code match_key} and a customer; the first customer per key. */
    private Map<String, Customer> matches(Sql.Stmt s) {
        Map<String, UUID> keyToId = new HashMap<>();
        List<CustomerRows.Loaded> rows = s.list(r -> {
            CustomerRows.Loaded l = CustomerRows.read(r);
            keyToId.putIfAbsent(r.text("match_key"), l.id());
            return l;
        });
        Map<UUID, Customer> byId = new HashMap<>();
        load(rows).forEach(c -> byId.put(c.id().value(), c));
        Map<String, Customer> found = new HashMap<>();
        keyToId.forEach((key, id) -> found.put(key, byId.get(id)));
        return found;
    }

    /**
     * Updates the customer row under its version and writes the child rows that changed since the stored
     * customer, if this unit of work holds it at the version before {@code c}'s; every writer raises the
     * version, so that is what the tables hold. Otherwise (the caller did not load it here) the child rows
     * are replaced.
     */
    @Override
    public void update(Customer c) {
        Customer before = stored.get(c.id());
        boolean known = before != null && before.version() == c.version() - 1;
        sql.write("update customer " + c.id(), () -> {
            if (CustomerRows.update(sql, c) == 0) {
                Optional<Long> stored = sql.stmt("SELECT version FROM {p}customers WHERE id = ?").uuid(c.id().value())
                        .one(r -> r.lng("version"));
                if (stored.isEmpty()) {
                    throw new NotFoundException("customer " + c.id() + " does not exist");
                }
                throw new ConflictException("customer " + c.id() + " was changed concurrently: stored version is "
                        + stored.get() + ", the update expected " + (c.version() - 1));
            }
            if (known && before != null) {
                ChildTables.writeChanges(sql, before, c);
            } else {
                ChildTables.replace(sql, c);
            }
        });
        keep(c);
    }

    @Override
    public Optional<Customer> findById(CustomerId id) {
        return sql.read("find customer " + id, () -> load(sql.stmt("SELECT " + CustomerRows.COLUMNS
                + " FROM {p}customers WHERE id = ?").uuid(id.value()).list(CustomerRows::read)).stream().findFirst());
    }

    @Override
    public Optional<Customer> findByExternalRef(ExternalRef ref) {
        return sql.read("find customer by external reference", () -> load(sql.stmt("SELECT " + CustomerRows.columns("c")
                        + " FROM {p}customers c JOIN {p}customer_external_refs r ON r.customer_id = c.id"
                        + " WHERE r.ref_system = ? AND r.ref_id = ?")
                .text(ref.system()).text(ref.id()).list(CustomerRows::read)).stream().findFirst());
    }

    @Override
    public Page<Customer> search(CustomerQuery q, AccessScope scope, PageRequest page) {
        Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
        if (scope.isNothing()) {
            return Page.last(List.of());
        }
        return sql.read("search customers", () -> Cursor.page(
                load(CustomerSearch.statement(sql, q, scope, after, page.limit()).list(CustomerRows::read)),
                page.limit(), c -> new Cursor.IdKey(c.id().value())));
    }

    private List<Customer> load(List<CustomerRows.Loaded> rows) {
        List<Customer> customers = ChildTables.load(sql, rows);
        customers.forEach(this::keep);
        return customers;
    }

    private void keep(Customer c) {
        if (stored.size() >= KEPT && !stored.containsKey(c.id())) {
            stored.clear();
        }
        stored.put(c.id(), c);
    }
}
