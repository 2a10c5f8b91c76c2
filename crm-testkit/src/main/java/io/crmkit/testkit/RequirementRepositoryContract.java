package io.crmkit.testkit;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.requirement.RequirementStatus;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.Priority;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static io.crmkit.testkit.StoredAssertions.assertSameRequirement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link io.crmkit.core.requirement.RequirementRepository}: exact round trips with
 * history, the version rule of {@code update}, and the lists of open needs by assignee, overdue needs
 * (by due date, then id) and a customer's needs (id order), in keyset pages.
 */
public abstract class RequirementRepositoryContract extends StorageContractSupport {
    private static final int MAX = io.crmkit.core.PageRequest.MAX_LIMIT;
    private static final java.util.function.Function<Requirement, UUID> ID = q -> q.id().value();

    private Customer customer;
    private Customer other;

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected RequirementRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    @BeforeEach
    void customers() {
        customer = data.person("客户").build();
        other = data.person("Other").build();
        write(r -> {
            r.customers().insert(customer);
            r.customers().insert(other);
        });
    }

    private void insert(Requirement... requirements) {
        write(r -> {
            for (Requirement q : requirements) {
                r.requirements().insert(q);
            }
        });
    }

    private Requirement stored(RequirementId id) {
        return read(r -> r.requirements().findById(id)).orElseThrow(() -> new AssertionError("need " + id + " is not stored"));
    }

    private static List<UUID> idsOf(List<Requirement> list) {
        return ids(list, q -> q.id().value());
    }

    private static UUID id(Requirement q) {
        return q.id().value();
    }

    private Optional<Requirement> find(RequirementId id) {
        return read(r -> r.requirements().findById(id));
    }

    @Test
    void insertedNeedReadsBackWithEveryFieldAndHistory() {
        var t = data.now();
        Requirement full = data.requirement(customer.id())
                .title("需要开具增值税专用发票 " + TestStrings.EMOJI + TestStrings.SQL_INJECTION)
                .description(TestStrings.tenKilobytes())
                .priority(Priority.URGENT)
                .dueDate(LocalDate.of(2025, 2, 28))
                .assignee(UserRef.of("王五"))
                .sourceInteraction(data.interactionId())
                .change(RequirementStatus.NEW, RequirementStatus.IN_PROGRESS, "agent-1", t.plusSeconds(60), "开始处理")
                .change(RequirementStatus.IN_PROGRESS, RequirementStatus.RESOLVED, "王五", t.plusNanos(120_000_001_000L),
                        null)
                .change(RequirementStatus.RESOLVED, RequirementStatus.REOPENED, "客户", t.plusSeconds(180),
                        TestStrings.NASTY)
                .createdBy("系统")
                .updatedAt(t.plusSeconds(180))
                .version(4)
                .build();
        Requirement minimal = data.requirement(customer.id()).title("t").build();
        insert(full, minimal);

        assertSameRequirement(stored(full.id()), full);
        assertSameRequirement(stored(minimal.id()), minimal);
        assertThat(stored(minimal.id()).history()).isEmpty();
    }

    @Test
    void findByIdOfUnknownNeedIsEmpty() {
        insert(data.requirement(customer.id()).build());

        assertThat(find(data.requirementId())).isEmpty();
    }

    @Test
    void insertWithExistingIdConflictsAndKeepsTheStoredNeed() {
        Requirement first = data.requirement(customer.id()).title("first").build();
        insert(first);
        Requirement again = data.requirement(customer.id()).id(first.id()).title("again").build();

        assertThatThrownBy(() -> insert(again)).isInstanceOf(ConflictException.class);
        assertSameRequirement(stored(first.id()), first);
    }

    @Test
    void updateReplacesDetailsAndHistory() {
        Requirement v1 = data.requirement(customer.id()).assignee(UserRef.of("u1")).build();
        insert(v1);
        data.clock().advance(Duration.ofHours(1));
        Requirement v2 = v1.transition(RequirementStatus.DEFAULT_WORKFLOW, RequirementStatus.IN_PROGRESS, UserRef.of("u1"), data.now(),
                Optional.of("接手"));
        write(r -> r.requirements().update(v2));
        data.clock().advance(Duration.ofHours(1));
        Requirement v3 = v2.withDetails("新标题 " + TestStrings.EMOJI, Optional.empty(), Priority.HIGH,
                Optional.of(LocalDate.of(2025, 4, 1)), Optional.of(UserRef.of("u2")), data.now());
        write(r -> r.requirements().update(v3));

        assertSameRequirement(stored(v1.id()), v3);
        assertThat(stored(v1.id()).history()).hasSize(1);
    }

    @Test
    void updateWithWrongVersionConflictsAndChangesNothing() {
        Requirement v1 = data.requirement(customer.id()).build();
        insert(v1);
        Requirement sameVersion = data.requirement(customer.id()).id(v1.id()).title("lost").version(1).build();
        Requirement skipping = data.requirement(customer.id()).id(v1.id()).title("lost").version(3).build();

        assertThatThrownBy(() -> write(r -> r.requirements().update(sameVersion))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> write(r -> r.requirements().update(skipping))).isInstanceOf(ConflictException.class);
        assertSameRequirement(stored(v1.id()), v1);
    }

    @Test
    void twoUpdatesFromTheSameVersionLetOnlyTheFirstWin() {
        Requirement v1 = data.requirement(customer.id()).build();
        insert(v1);
        Requirement mine = v1.transition(RequirementStatus.DEFAULT_WORKFLOW, RequirementStatus.IN_PROGRESS, UserRef.of("me"),
                data.now(), Optional.empty());
        Requirement theirs = v1.transition(RequirementStatus.DEFAULT_WORKFLOW, RequirementStatus.REJECTED, UserRef.of("they"),
                data.now(), Optional.empty());

        write(r -> r.requirements().update(mine));
        assertThatThrownBy(() -> write(r -> r.requirements().update(theirs))).isInstanceOf(ConflictException.class);
        assertSameRequirement(stored(v1.id()), mine);
    }

    @Test
    void updateOfUnknownNeedThrowsNotFound() {
        Requirement ghost = data.requirement(customer.id()).version(2).build();

        assertThatThrownBy(() -> write(r -> r.requirements().update(ghost))).isInstanceOf(NotFoundException.class);
        assertThat(find(ghost.id())).isEmpty();
    }

    @Test
    void openByAssigneeListsOnlyOpenNeedsOfThatAssigneeInIdOrder() {
        Requirement fresh = data.requirement(customer.id()).assignee(UserRef.of("u1")).status(RequirementStatus.NEW).build();
        Requirement working = data.requirement(other.id()).assignee(UserRef.of("u1")).status(RequirementStatus.IN_PROGRESS).build();
        Requirement resolved = data.requirement(customer.id()).assignee(UserRef.of("u1")).status(RequirementStatus.RESOLVED).build();
        Requirement closed = data.requirement(customer.id()).assignee(UserRef.of("u1")).status(RequirementStatus.CLOSED).build();
        Requirement rejected = data.requirement(customer.id()).assignee(UserRef.of("u1")).status(RequirementStatus.REJECTED).build();
        Requirement reopened = data.requirement(customer.id()).assignee(UserRef.of("u1")).status(RequirementStatus.REOPENED).build();
        Requirement othersOwn = data.requirement(customer.id()).assignee(UserRef.of("u2")).build();
        Requirement unassigned = data.requirement(customer.id()).build();
        insert(reopened, othersOwn, closed, fresh, unassigned, rejected, working, resolved);

        List<Requirement> open = readAllPages(MAX, (r, p) -> r.requirements().openByAssignee(UserRef.of("u1"), AccessScope.everything(), p));
        assertThat(idsOf(open)).containsExactly(id(fresh), id(working), id(reopened));
        assertThat(idsOf(readAllPages(MAX, (r, p) -> r.requirements().openByAssignee(UserRef.of("u3"), AccessScope.everything(), p)))).isEmpty();
    }

    @Test
    void overdueListsOpenNeedsDueBeforeTodayByDueDateThenId() {
        LocalDate today = LocalDate.of(2025, 3, 10);
        Requirement dueToday = data.requirement(customer.id()).dueDate(today).build();
        Requirement lateB = data.requirement(customer.id()).dueDate(today.minusDays(1)).build();
        Requirement lateA = data.requirement(other.id()).dueDate(today.minusDays(30)).status(RequirementStatus.IN_PROGRESS)
                .build();
        Requirement lateC = data.requirement(customer.id()).dueDate(today.minusDays(1)).status(RequirementStatus.REOPENED)
                .build();
        Requirement lateButResolved = data.requirement(customer.id()).dueDate(today.minusDays(5))
                .status(RequirementStatus.RESOLVED).build();
        Requirement lateButClosed = data.requirement(customer.id()).dueDate(today.minusDays(5))
                .status(RequirementStatus.CLOSED).build();
        Requirement lateButRejected = data.requirement(customer.id()).dueDate(today.minusDays(5))
                .status(RequirementStatus.REJECTED).build();
        Requirement undated = data.requirement(customer.id()).build();
        Requirement future = data.requirement(customer.id()).dueDate(today.plusDays(1)).build();
        insert(future, lateC, undated, lateButResolved, dueToday, lateB, lateButClosed, lateA, lateButRejected);

        List<Requirement> overdue = readAllPages(MAX, (r, p) -> r.requirements().overdue(today, AccessScope.everything(), p));
        assertThat(idsOf(overdue)).containsExactly(id(lateA), id(lateB), id(lateC));
    }

    @Test
    void byCustomerListsEveryNeedOfTheCustomerInIdOrder() {
        Requirement a = data.requirement(customer.id()).build();
        Requirement b = data.requirement(other.id()).build();
        Requirement c = data.requirement(customer.id()).status(RequirementStatus.CLOSED).build();
        Requirement d = data.requirement(customer.id()).status(RequirementStatus.REJECTED).build();
        insert(d, b, c, a);

        assertThat(idsOf(readAllPages(MAX, (r, p) -> r.requirements().byCustomer(customer.id(), p))))
                .containsExactly(id(a), id(c), id(d));
        assertThat(idsOf(readAllPages(MAX, (r, p) -> r.requirements().byCustomer(data.customerId(), p))))
                .isEmpty();
    }

    @Test
    void everyListPagesOverEachNeedOnce() {
        LocalDate today = LocalDate.of(2025, 3, 10);
        List<Requirement> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(data.requirement(customer.id()).assignee(UserRef.of("u1")).dueDate(today.minusDays(1 + (i % 4))).build());
        }
        List<Requirement> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(5));
        insert(shuffled.toArray(Requirement[]::new));
        List<UUID> idOrder = idsOf(sorted(all, byId(ID)));
        List<UUID> overdueOrder = idsOf(sorted(all, Comparator.comparing((Requirement q) -> q.dueDate().orElseThrow())
                .thenComparing(q -> q.id().value(), Uuid7.ORDER)));

        for (int limit : PAGE_LIMITS) {
            assertThat(idsOf(readAllPages(limit, (r, p) -> r.requirements().openByAssignee(UserRef.of("u1"), AccessScope.everything(), p))))
                    .as("openByAssignee, limit %d", limit).containsExactlyElementsOf(idOrder);
            assertThat(idsOf(readAllPages(limit, (r, p) -> r.requirements().byCustomer(customer.id(), p))))
                    .as("byCustomer, limit %d", limit).containsExactlyElementsOf(idOrder);
            assertThat(idsOf(readAllPages(limit, (r, p) -> r.requirements().overdue(today, AccessScope.everything(), p))))
                    .as("overdue, limit %d", limit).containsExactlyElementsOf(overdueOrder);
        }
    }

}
