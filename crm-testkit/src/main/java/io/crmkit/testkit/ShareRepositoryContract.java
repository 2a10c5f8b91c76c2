package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.Share;
import io.crmkit.core.security.ShareAccess;
import io.crmkit.core.security.ShareCause;
import io.crmkit.core.security.UserRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.crmkit.core.security.ShareRepository}: exact round trips, one share per record and
 * grantee ({@code put} replaces), a user and a department with the same id as two grantees, {@code of} ordered by
 * grantee id as Java compares strings, then users before departments, records of different kinds kept apart,
 * {@code remove} reporting whether there was a share, and a failed unit of work leaving shares as they were.
 */
public abstract class ShareRepositoryContract extends StorageContractSupport {
    private static final UserRef SHARER = UserRef.of("经理");

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected ShareRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    private Share share(RecordKind kind, UUID record, Grantee grantee, ShareAccess access) {
        return new Share(kind, record, grantee, access, ShareCause.MANUAL, SHARER, data.now());
    }

    private void put(Share... shares) {
        write(r -> {
            for (Share s : shares) {
                r.shares().put(s);
            }
        });
    }

    private List<Share> of(RecordKind kind, UUID record) {
        return readList(r -> r.shares().of(kind, record));
    }

    private boolean remove(RecordKind kind, UUID record, Grantee grantee) {
        return writeAndGet(r -> r.shares().remove(kind, record, grantee));
    }

    private Optional<ShareAccess> accessFor(RecordKind kind, UUID record, Set<Grantee> grantees) {
        return readOne(r -> r.shares().accessFor(kind, record, grantees));
    }

    @Test
    void putSharesReadBackExactly() {
        UUID customer = data.uuid();
        Share toUser = share(RecordKind.CUSTOMER, customer, UserRef.of("王五 " + TestStrings.EMOJI), ShareAccess.EDIT);
        Share toDepartment = new Share(RecordKind.CUSTOMER, customer, DepartmentRef.of("销售部"), ShareAccess.READ,
                ShareCause.OWNER_DEPARTMENT, UserRef.of("o'brien\\%_"),
                data.now().plusNanos(1_000));
        put(toUser, toDepartment);

        assertThat(of(RecordKind.CUSTOMER, customer)).containsExactlyInAnyOrder(toUser, toDepartment);
        assertThat(of(RecordKind.CUSTOMER, data.uuid())).isEmpty();
    }

    @Test
    void putReplacesTheGranteesShareOfTheRecord() {
        UUID task = data.uuid();
        UserRef grantee = UserRef.of("u1");
        put(share(RecordKind.TASK, task, grantee, ShareAccess.READ));
        data.clock().advance(Duration.ofMinutes(5));
        Share again = new Share(RecordKind.TASK, task, grantee, ShareAccess.EDIT, ShareCause.RULE, UserRef.of("rule-bot"),
                data.now());
        put(again);

        assertThat(of(RecordKind.TASK, task)).containsExactly(again);
        assertThat(accessFor(RecordKind.TASK, task, Set.of(grantee))).contains(ShareAccess.EDIT);
    }

    @Test
    void ofOrdersByGranteeIdThenUsersBeforeDepartments() {
        UUID customer = data.uuid();
        List<Grantee> order = List.of(UserRef.of("B"), DepartmentRef.of("B"), UserRef.of("a"), DepartmentRef.of("a b"),
                UserRef.of("Ä"), DepartmentRef.of("客服部"), UserRef.of("销售部"), DepartmentRef.of("销售部"),
                UserRef.of(TestStrings.EMOJI));
        for (int i = order.size() - 1; i >= 0; i--) { // stored in reverse order
            put(share(RecordKind.CUSTOMER, customer, order.get(i), ShareAccess.READ));
        }

        assertThat(of(RecordKind.CUSTOMER, customer)).extracting(Share::grantee).containsExactlyElementsOf(order);
    }

    @Test
    void recordsOfDifferentKindsWithOneIdHaveTheirOwnShares() {
        UUID id = data.uuid();
        Share customerShare = share(RecordKind.CUSTOMER, id, UserRef.of("u1"), ShareAccess.READ);
        Share taskShare = share(RecordKind.TASK, id, UserRef.of("u1"), ShareAccess.EDIT);
        put(customerShare, taskShare);

        assertThat(of(RecordKind.CUSTOMER, id)).containsExactly(customerShare);
        assertThat(of(RecordKind.TASK, id)).containsExactly(taskShare);
        assertThat(remove(RecordKind.CUSTOMER, id, UserRef.of("u1"))).isTrue();
        assertThat(of(RecordKind.TASK, id)).containsExactly(taskShare);
    }

    @Test
    void removeTakesBackOneGranteesShareAndSaysWhetherThereWasOne() {
        UUID customer = data.uuid();
        Share user = share(RecordKind.CUSTOMER, customer, UserRef.of("销售部"), ShareAccess.READ);
        Share department = share(RecordKind.CUSTOMER, customer, DepartmentRef.of("销售部"), ShareAccess.EDIT);
        put(user, department);

        assertThat(remove(RecordKind.CUSTOMER, customer, DepartmentRef.of("销售部"))).isTrue();
        assertThat(remove(RecordKind.CUSTOMER, customer, DepartmentRef.of("销售部"))).isFalse();
        assertThat(remove(RecordKind.CUSTOMER, data.uuid(), UserRef.of("销售部"))).isFalse();
        assertThat(of(RecordKind.CUSTOMER, customer)).containsExactly(user);
    }

    @Test
    void accessForIsTheWidestAccessSharedWithAnyOfTheGrantees() {
        UUID customer = data.uuid();
        put(share(RecordKind.CUSTOMER, customer, UserRef.of("u1"), ShareAccess.READ),
                share(RecordKind.CUSTOMER, customer, DepartmentRef.of("d1"), ShareAccess.EDIT));

        assertThat(accessFor(RecordKind.CUSTOMER, customer, Set.of(UserRef.of("u1"))))
                .contains(ShareAccess.READ);
        assertThat(accessFor(RecordKind.CUSTOMER, customer, Set.of(UserRef.of("u1"), DepartmentRef.of("d1"))))
                .contains(ShareAccess.EDIT);
        assertThat(accessFor(RecordKind.CUSTOMER, customer, Set.of(UserRef.of("d1")))).isEmpty();
        assertThat(accessFor(RecordKind.TASK, customer, Set.of(UserRef.of("u1")))).isEmpty();
    }

    @Test
    void longestGranteeIdsRoundTrip() {
        UUID customer = data.uuid();
        Share user = share(RecordKind.CUSTOMER, customer, UserRef.of("用".repeat(UserRef.MAX_LENGTH)), ShareAccess.READ);
        Share department = share(RecordKind.CUSTOMER, customer, DepartmentRef.of("部".repeat(DepartmentRef.MAX_LENGTH)),
                ShareAccess.READ);
        put(user, department);

        assertThat(of(RecordKind.CUSTOMER, customer)).containsExactly(user, department); // 用 before 部
    }

    @Test
    void failedWorkLeavesSharesAsTheyWere() {
        UUID customer = data.uuid();
        Share kept = share(RecordKind.CUSTOMER, customer, UserRef.of("u1"), ShareAccess.READ);
        Share removedThenRestored = share(RecordKind.CUSTOMER, customer, DepartmentRef.of("销售部"), ShareAccess.EDIT);
        put(kept, removedThenRestored);
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> write(r -> {
            r.shares().put(share(RecordKind.CUSTOMER, customer, UserRef.of("u1"), ShareAccess.EDIT));
            r.shares().put(share(RecordKind.CUSTOMER, customer, UserRef.of("u2"), ShareAccess.EDIT));
            assertThat(r.shares().remove(RecordKind.CUSTOMER, customer, DepartmentRef.of("销售部"))).isTrue();
            assertThat(r.shares().of(RecordKind.CUSTOMER, customer)).extracting(Share::grantee)
                    .containsExactly(UserRef.of("u1"), UserRef.of("u2"));
            throw boom;
        })).isSameAs(boom);

        assertThat(of(RecordKind.CUSTOMER, customer)).containsExactly(kept, removedThenRestored);
    }
}
