package io.crmkit.jdbc.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.UserRef;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The statement text of a scope depends on how many departments and grantees it has only through a few padded
 * lengths, so that the drivers' and databases' statement caches keep serving it; the padding repeats a value
 * and binds one parameter per mark. The listings' results under scopes are the storage contract's
 * ({@code AccessScopeContract}).
 */
class AccessSqlTest {
    private final Sql sql = new Sql(null, Dialect.POSTGRESQL, "crm_", new Errors(List.of()));

    private static AccessScope departments(int n) {
        Set<DepartmentRef> departments = new HashSet<>();
        IntStream.range(0, n).forEach(i -> departments.add(DepartmentRef.of("d" + i)));
        Set<Grantee> grantees = new HashSet<>(departments);
        grantees.add(UserRef.of("u1"));
        return new AccessScope(false, Optional.of(UserRef.of("u1")), departments, grantees);
    }

    @Test
    void inListsArePaddedToPowersOfTwoThenToMultiplesOfSixtyFour() {
        assertThat(IntStream.of(1, 2, 3, 4, 5, 8, 9, 33, 64, 65, 128, 129, 10_000).map(AccessSql::padded).boxed().toList())
                .containsExactly(1, 2, 4, 4, 8, 8, 16, 64, 64, 128, 128, 192, 10_048);
    }

    @Test
    void scopesOfThreeAndFourDepartmentsShareTheirStatementTextAndBindEveryMark() {
        for (int n : new int[] {1, 3, 4, 5, 70}) {
            AccessSql.Condition c = AccessSql.customers(departments(n), "c");
            Sql.Stmt s = sql.stmt("SELECT 1 FROM {p}customers c WHERE 1 = 1" + c.sql());
            c.bind().accept(s);
            assertThat(s.args).as("%d departments", n).hasSize((int) c.sql().chars().filter(ch -> ch == '?').count());
        }
        assertThat(AccessSql.customers(departments(3), "c").sql()).isEqualTo(AccessSql.customers(departments(4), "c").sql());
        assertThat(AccessSql.tasks(departments(3), "t").sql()).isEqualTo(AccessSql.tasks(departments(4), "t").sql());
        assertThat(AccessSql.customers(departments(4), "c").sql()).isNotEqualTo(AccessSql.customers(departments(5), "c").sql());
    }

    @Test
    void everythingAddsNothingAndNothingAdmitsNoRow() {
        assertThat(AccessSql.customers(AccessScope.everything(), "c").sql()).isEmpty();
        assertThat(AccessSql.ofCustomer(AccessScope.everything(), "customer_id").nothing()).isFalse();
        assertThat(AccessSql.tasks(AccessScope.nothing(), "t").nothing()).isTrue();
        assertThat(AccessSql.ofCustomer(AccessScope.nothing(), "customer_id").sql()).isEqualTo(" AND 1 = 0");
    }
}
