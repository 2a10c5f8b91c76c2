package io.crmkit.core.requirement;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crmkit.core.Crm;
import io.crmkit.core.InvalidTransitionException;
import io.crmkit.core.MutableClock;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.StatusChange;
import io.crmkit.core.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequirementWorkflowTest {
    private static final Workflow<RequirementStatus> WORKFLOW = RequirementStatus.DEFAULT_WORKFLOW;

    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final Crm crm = TestCrm.create(clock);
    private final RequirementService needs = crm.as(Actor.user("li.si")).requirements();
    private final Customer customer = crm.customers().create(NewCustomer.person("张三"));

    @AfterEach
    void close() {
        crm.close();
    }

    /** The shortest path of allowed transitions from the initial status to each status. */
    private static Map<RequirementStatus, List<RequirementStatus>> pathsFromInitial(Workflow<RequirementStatus> workflow) {
        Map<RequirementStatus, List<RequirementStatus>> paths = new EnumMap<>(RequirementStatus.class);
        paths.put(workflow.initial(), List.of());
        Deque<RequirementStatus> queue = new ArrayDeque<>(List.of(workflow.initial()));
        while (!queue.isEmpty()) {
            RequirementStatus from = queue.poll();
            for (RequirementStatus to : workflow.next(from)) {
                if (!paths.containsKey(to)) {
                    List<RequirementStatus> path = new ArrayList<>(paths.get(from));
                    path.add(to);
                    paths.put(to, path);
                    queue.add(to);
                }
            }
        }
        return paths;
    }

    private Requirement needIn(RequirementStatus status) {
        Requirement r = needs.create(NewRequirement.of(customer.id(), "需求 " + status));
        for (RequirementStatus step : pathsFromInitial(needs.workflow()).get(status)) {
            r = needs.transition(r.id(), step, null);
        }
        assertThat(r.status()).isEqualTo(status);
        return r;
    }

    @Test
    void theDefaultWorkflowIsTheOneInTheIssue() {
        assertThat(needs.workflow()).isSameAs(WORKFLOW);
        assertThat(WORKFLOW.initial()).isEqualTo(RequirementStatus.NEW);
        assertThat(WORKFLOW.transitions()).containsOnly(
                Map.entry(RequirementStatus.NEW, java.util.Set.of(RequirementStatus.IN_PROGRESS, RequirementStatus.REJECTED)),
                Map.entry(RequirementStatus.IN_PROGRESS, java.util.Set.of(RequirementStatus.RESOLVED, RequirementStatus.REJECTED)),
                Map.entry(RequirementStatus.RESOLVED, java.util.Set.of(RequirementStatus.CLOSED, RequirementStatus.REOPENED)),
                Map.entry(RequirementStatus.CLOSED, java.util.Set.of(RequirementStatus.REOPENED)),
                Map.entry(RequirementStatus.REJECTED, java.util.Set.of(RequirementStatus.REOPENED)),
                Map.entry(RequirementStatus.REOPENED, java.util.Set.of(RequirementStatus.IN_PROGRESS, RequirementStatus.REJECTED)));
        assertThat(pathsFromInitial(WORKFLOW)).as("every status is reachable").hasSize(RequirementStatus.values().length);
    }

    @Test
    void everyAllowedTransitionWorksAndIsRecorded() {
        int checked = 0;
        for (RequirementStatus from : RequirementStatus.values()) {
            for (RequirementStatus to : WORKFLOW.next(from)) {
                Requirement before = needIn(from);
                clock.advance(Duration.ofMinutes(1));
                String comment = from + " → " + to + " 备注";

                Requirement moved = needs.transition(before.id(), to, comment);

                StatusChange<RequirementStatus> expected = new StatusChange<>(from, to, UserRef.of("li.si"), clock.instant(), Optional.of(comment));
                assertThat(moved.status()).isEqualTo(to);
                assertThat(moved.history()).hasSize(before.history().size() + 1).endsWith(expected);
                assertThat(moved.history().subList(0, before.history().size())).isEqualTo(before.history());
                assertThat(moved.version()).isEqualTo(before.version() + 1);
                assertThat(moved.updatedAt()).isEqualTo(clock.instant());
                assertThat(needs.get(before.id())).contains(moved);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(10);
    }

    @Test
    void everyForbiddenTransitionThrowsAndChangesNothing() {
        int checked = 0;
        for (RequirementStatus from : RequirementStatus.values()) {
            for (RequirementStatus to : RequirementStatus.values()) {
                if (WORKFLOW.allows(from, to)) {
                    continue;
                }
                Requirement before = needIn(from);

                InvalidTransitionException e = catchThrowableOfType(InvalidTransitionException.class,
                        () -> needs.transition(before.id(), to, "不允许"));

                assertThat(e).as(from + " -> " + to).isNotNull();
                assertThat(e.from()).isEqualTo(from.name());
                assertThat(e.to()).isEqualTo(to.name());
                assertThat(e).hasMessageContaining(from.name()).hasMessageContaining(to.name());
                assertThat(needs.get(before.id())).contains(before);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6 * 6 - 10);
    }

    @Test
    void theShortcutsFollowTheDefaultPath() {
        Requirement r = needs.create(NewRequirement.of(customer.id(), "发票"));
        needs.start(r.id(), "开始处理");
        needs.resolve(r.id(), "已开具");
        needs.reopen(r.id(), "金额有误");
        needs.start(r.id(), null);
        needs.resolve(r.id(), "已重开");
        Requirement closed = needs.close(r.id(), "客户确认");

        assertThat(closed.history()).extracting(StatusChange::to).containsExactly(
                RequirementStatus.IN_PROGRESS, RequirementStatus.RESOLVED, RequirementStatus.REOPENED,
                RequirementStatus.IN_PROGRESS, RequirementStatus.RESOLVED, RequirementStatus.CLOSED);
        assertThat(closed.history().get(3).comment()).isEmpty();
        assertThat(closed.status().isOpen()).isFalse();
    }

    @Test
    void theTransitionActorIsTheActingUser() {
        Requirement r = needs.create(NewRequirement.of(customer.id(), "发票"));
        crm.as(Actor.user("wang.wu")).requirements().start(r.id(), null);
        Requirement rejected = crm.requirements().reject(r.id(), null);
        assertThat(rejected.history()).extracting(StatusChange::actor).containsExactly(UserRef.of("wang.wu"), Actor.SYSTEM.user());
    }

    @Test
    void aTooLongCommentIsRejectedAndNothingMoves() {
        Requirement r = needs.create(NewRequirement.of(customer.id(), "发票"));
        assertThat(violationsOf(() -> needs.start(r.id(), "评".repeat(2001)))).containsExactly("comment:too_long");
        assertThat(needs.get(r.id())).contains(r);
    }

    @Test
    void aCustomWorkflowFromTheBuilderIsUsed() {
        Workflow<RequirementStatus> simple = Workflow.builder(RequirementStatus.class, RequirementStatus.NEW)
                .allow(RequirementStatus.NEW, RequirementStatus.CLOSED)
                .allow(RequirementStatus.CLOSED, RequirementStatus.NEW)
                .build();
        try (Crm custom = TestCrm.builder(clock).workflow(simple).build()) {
            Customer c = custom.customers().create(NewCustomer.person("张三"));
            RequirementService service = custom.requirements();
            Requirement r = service.create(NewRequirement.of(c.id(), "简单需求"));

            assertThat(service.workflow()).isSameAs(simple);
            assertThat(catchThrowableOfType(InvalidTransitionException.class, () -> service.start(r.id(), null)))
                    .isNotNull();
            assertThat(service.close(r.id(), "直接关闭").status()).isEqualTo(RequirementStatus.CLOSED);
            assertThat(service.transition(r.id(), RequirementStatus.NEW, "再开").status()).isEqualTo(RequirementStatus.NEW);
        }
    }

    @Test
    void aCustomWorkflowCanStartElsewhere() {
        Workflow<RequirementStatus> triage = Workflow.builder(RequirementStatus.class, RequirementStatus.IN_PROGRESS)
                .allow(RequirementStatus.IN_PROGRESS, RequirementStatus.RESOLVED)
                .build();
        try (Crm custom = TestCrm.builder(clock).workflow(triage).build()) {
            Customer c = custom.customers().create(NewCustomer.person("张三"));
            assertThat(custom.requirements().create(NewRequirement.of(c.id(), "x")).status())
                    .isEqualTo(RequirementStatus.IN_PROGRESS);
        }
    }
}
