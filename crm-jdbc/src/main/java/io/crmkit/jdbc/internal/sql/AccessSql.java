package io.crmkit.jdbc.internal.sql;

import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An {@link AccessScope} as SQL: a condition with bound parameters that a listing appends to its WHERE clause,
 * so that the database pages (and would count) over the admitted rows only. A scope of everything adds nothing,
 * so the system actor's statements are the ones without access control.
 *
 * <p>A customer row is admitted by its owner, its department or a customer share with one of the scope's
 * grantees; a row that belongs to a customer by that customer ({@code customer_id IN (SELECT ... customers
 * ...)}); a task by its assignee user or its creator, its assignee department, or a task share; an opportunity by
 * its owner, its department, or an opportunity share; a document likewise with document shares; a campaign by
 * its owner or its department. The IN lists of
 * departments and grantees are padded to a few lengths (repeating the last value), so that actors with
 * different numbers of departments share statement texts and with them the parsed statements the drivers and
 * databases keep by text.
 */
public final class AccessSql {
    /** {@code shares.grantee_type} of a user. */
    public static final String USER = "U";
    /** {@code shares.grantee_type} of a department. */
    public static final String DEPARTMENT = "D";
    /** IN lists up to this length are padded to a power of two, longer ones to a multiple of it. */
    static final int PAD = 64;

    private static final Condition NONE = new Condition("", s -> { }, false);
    private static final Condition NOTHING = new Condition(" AND 1 = 0", s -> { }, true);

    private AccessSql() {
    }

    /**
     * A condition to append to a WHERE clause ({@code " AND (...)"}, or nothing for a scope of everything), and
     * what binds its parameters, in the order they appear.
     *
     * @param nothing whether the scope admits no row, so that the listing need not ask the database
     */
    public record Condition(String sql, Consumer<Sql.Stmt> bind, boolean nothing) {
    }

    /** The {@code shares.grantee_type} of a grantee. */
    public static String granteeType(Grantee grantee) {
        return grantee instanceof DepartmentRef ? DEPARTMENT : USER;
    }

    /** For rows of {@code customers} aliased {@code c}. */
    public static Condition customers(AccessScope scope, String c) {
        return of(scope, () -> customerTerms(scope, c).and());
    }

    /** For rows that belong to the customer whose id is in {@code customerId}, a column of the listed table. */
    public static Condition ofCustomer(AccessScope scope, String customerId) {
        return of(scope, () -> {
            Terms customer = customerTerms(scope, "acc");
            return new Condition(" AND " + customerId + " IN (SELECT acc.id FROM {p}customers acc WHERE "
                    + customer.predicate() + ")", customer::bind, false);
        });
    }

    /** For rows of {@code tasks} aliased {@code t}. */
    public static Condition tasks(AccessScope scope, String t) {
        return of(scope, () -> {
            Terms terms = new Terms();
            scope.owner().ifPresent(o -> terms.add(t + ".assignee_user_id = ? OR " + t + ".creator_id = ?",
                    s -> s.text(o.id()).text(o.id())));
            terms.in(t + ".assignee_department_id", scope.departments().stream().map(DepartmentRef::id).toList());
            terms.shared(RecordKind.TASK, t + ".id", scope);
            return terms.and();
        });
    }

    /** For rows of {@code opportunities} aliased {@code o}. */
    public static Condition opportunities(AccessScope scope, String o) {
        return owned(scope, o, RecordKind.OPPORTUNITY);
    }

    /** For rows of {@code campaigns} aliased {@code c}: by owner or department (campaigns are not shared). */
    public static Condition campaigns(AccessScope scope, String c) {
        return of(scope, () -> {
            Terms terms = new Terms();
            scope.owner().ifPresent(u -> terms.add(c + ".owner_id = ?", s -> s.text(u.id())));
            terms.in(c + ".department_id", scope.departments().stream().map(DepartmentRef::id).toList());
            return terms.and();
        });
    }

    /** For rows of {@code documents} aliased {@code d}: by owner, department or a document grant (a share). */
    public static Condition documents(AccessScope scope, String d) {
        return owned(scope, d, RecordKind.DOCUMENT);
    }

    /** For rows of {@code projects} aliased {@code p}: by owner or department (projects are not shared). */
    public static Condition projects(AccessScope scope, String p) {
        return campaigns(scope, p);
    }

    /** For rows of {@code policies} aliased {@code p}: by owner user or owner department (policies are not shared). */
    public static Condition policies(AccessScope scope, String p) {
        return campaigns(scope, p);
    }

    /** Rows with {@code owner_id}, {@code department_id} and shares of {@code kind}, aliased {@code t}. */
    private static Condition owned(AccessScope scope, String t, RecordKind kind) {
        return of(scope, () -> {
            Terms terms = new Terms();
            scope.owner().ifPresent(u -> terms.add(t + ".owner_id = ?", s -> s.text(u.id())));
            terms.in(t + ".department_id", scope.departments().stream().map(DepartmentRef::id).toList());
            terms.shared(kind, t + ".id", scope);
            return terms.and();
        });
    }

    /** Nothing to add for a scope of everything, no row for a scope of nothing, else the condition. */
    private static Condition of(AccessScope scope, Supplier<Condition> condition) {
        if (scope.unrestricted()) {
            return NONE;
        }
        return scope.isNothing() ? NOTHING : condition.get();
    }

    private static Terms customerTerms(AccessScope scope, String c) {
        Terms terms = new Terms();
        scope.owner().ifPresent(o -> terms.add(c + ".owner_id = ?", s -> s.text(o.id())));
        terms.in(c + ".department_id", scope.departments().stream().map(DepartmentRef::id).toList());
        terms.shared(RecordKind.CUSTOMER, c + ".id", scope);
        return terms;
    }

    /** The length an IN list of {@code n} values is padded to. */
    static int padded(int n) {
        if (n <= PAD) {
            return n <= 1 ? n : Integer.highestOneBit(n - 1) << 1;
        }
        return (n + PAD - 1) / PAD * PAD;
    }

    /** Alternatives that admit a row, OR-ed, with their binds in order. */
    private static final class Terms {
        private final List<String> sql = new ArrayList<>();
        private final List<Consumer<Sql.Stmt>> binds = new ArrayList<>();

        void add(String term, Consumer<Sql.Stmt> bind) {
            sql.add(term);
            binds.add(bind);
        }

        /** {@code column IN (values)}, padded; nothing for no values. */
        void in(String column, List<String> values) {
            if (!values.isEmpty()) {
                add(column + " IN (" + Sql.marks(padded(values.size())) + ")", s -> bindPadded(s, values));
            }
        }

        /**
         * {@code id IN} the records of {@code kind} shared with the scope's users, and {@code id IN} those shared
         * with its departments: each list is read once through the grantee index and hashed. Measured on PostgreSQL
         * at 1,000,000 customers (docs/benchmarks.md): a correlated {@code EXISTS} with both lists in one, which
         * lets the planner choose between probing per row and hashing, took 0.7 ms more to plan than these two.
         */
        void shared(RecordKind kind, String id, AccessScope scope) {
            sharedWith(kind, id, USER, scope.sharedWithUsers().stream().map(UserRef::id).toList());
            sharedWith(kind, id, DEPARTMENT, scope.sharedWithDepartments().stream().map(DepartmentRef::id).toList());
        }

        private void sharedWith(RecordKind kind, String id, String type, List<String> grantees) {
            if (!grantees.isEmpty()) {
                add(id + " IN (SELECT acs.record_id FROM {p}shares acs WHERE acs.kind = ? AND acs.grantee_type = ?"
                                + " AND acs.grantee_id IN (" + Sql.marks(padded(grantees.size())) + "))",
                        s -> bindPadded(s.enumName(kind).text(type), grantees));
            }
        }

        /** The alternatives in brackets; a scope with none admits nothing. */
        String predicate() {
            return sql.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", sql) + ")";
        }

        void bind(Sql.Stmt s) {
            binds.forEach(b -> b.accept(s));
        }

        Condition and() {
            return new Condition(" AND " + predicate(), this::bind, false);
        }

        private static void bindPadded(Sql.Stmt s, List<String> values) {
            for (String v : values) {
                s.text(v);
            }
            for (int i = values.size(); i < padded(values.size()); i++) {
                s.text(values.get(values.size() - 1));
            }
        }
    }
}
