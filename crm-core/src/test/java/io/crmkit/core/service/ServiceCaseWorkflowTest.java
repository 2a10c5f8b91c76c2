package io.crmkit.core.service;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.InvalidTransitionException;
import io.crmkit.core.MutableClock;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.StatusChange;
import io.crmkit.core.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status workflow of service cases: allowed and refused moves, reopening, and the recorded history. */
class ServiceCaseWorkflowTest {
    private static final UserRef LI = UserRef.of("li.si");
    private static final UserRef WANG = UserRef.of("wang.wu");

    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final Crm crm = TestCrm.create(clock);
    private final ServiceCaseService li = crm.as(Actor.of(LI)).cases();
    private final ServiceCaseService wang = crm.as(Actor.of(WANG)).cases();
    private final Customer customer = crm.customers().create(NewCustomer.person("张三"));

    @AfterEach
    void close() {
        crm.close();
    }

    private ServiceCase open() {
        return li.create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", "空调不制冷"));
    }

    @Test
    void aCaseGoesFromNewThroughWorkToClosedWithEveryStepRecorded() {
        ServiceCase c = open();
        Instant opened = clock.instant();
        clock.advance(Duration.ofMinutes(10));
        li.assign(c.id(), Assignee.user(WANG));
        Instant assigned = clock.instant();
        clock.advance(Duration.ofMinutes(10));
        wang.transition(c.id(), ServiceCaseStatus.PENDING_CUSTOMER, "请提供购买凭证");
        clock.advance(Duration.ofHours(2));
        wang.transition(c.id(), ServiceCaseStatus.ASSIGNED, "客户已回复");
        clock.advance(Duration.ofMinutes(30));
        wang.transition(c.id(), ServiceCaseStatus.ON_HOLD, "等配件");
        clock.advance(Duration.ofDays(1));
        wang.resolve(c.id(), "已更换压缩机 😀");
        clock.advance(Duration.ofDays(3));
        ServiceCase closed = li.close(c.id(), null);

        assertThat(closed.status()).isEqualTo(ServiceCaseStatus.CLOSED);
        assertThat(closed.isOpen()).isFalse();
        assertThat(closed.history()).extracting(StatusChange::to).containsExactly(ServiceCaseStatus.ASSIGNED,
                ServiceCaseStatus.PENDING_CUSTOMER, ServiceCaseStatus.ASSIGNED, ServiceCaseStatus.ON_HOLD,
                ServiceCaseStatus.RESOLVED, ServiceCaseStatus.CLOSED);
        assertThat(closed.history()).extracting(StatusChange::actor).containsExactly(LI, WANG, WANG, WANG, WANG, LI);
        assertThat(closed.history().get(0).at()).isEqualTo(assigned);
        assertThat(closed.history().get(0).from()).isEqualTo(ServiceCaseStatus.NEW);
        assertThat(closed.history().get(1).comment()).contains("请提供购买凭证");
        assertThat(closed.history().get(4).comment()).contains("已更换压缩机 😀");
        assertThat(closed.history().get(5).comment()).isEmpty();
        assertThat(closed.statusSince()).isEqualTo(clock.instant());
        assertThat(closed.createdAt()).isEqualTo(opened);
        assertThat(li.require(c.id())).isEqualTo(closed);
    }

    @Test
    void forbiddenMovesThrowAndChangeNothing() {
        ServiceCase c = open();

        assertThatThrownBy(() -> li.close(c.id(), null)).isInstanceOfSatisfying(InvalidTransitionException.class, e -> {
            assertThat(e.from()).isEqualTo("NEW");
            assertThat(e.to()).isEqualTo("CLOSED");
        });
        li.transition(c.id(), ServiceCaseStatus.DUPLICATE, "同 #1024");
        for (ServiceCaseStatus to : ServiceCaseStatus.values()) {
            if (to != ServiceCaseStatus.DUPLICATE) {
                assertThatThrownBy(() -> li.transition(c.id(), to, null)).as("DUPLICATE to %s", to)
                        .isInstanceOf(InvalidTransitionException.class);
            }
        }
        assertThatThrownBy(() -> li.transition(c.id(), ServiceCaseStatus.DUPLICATE, null))
                .as("no move to the same status").isInstanceOf(InvalidTransitionException.class);
        assertThat(li.require(c.id()).history()).hasSize(1);
        assertThat(li.require(c.id()).version()).isEqualTo(2);
    }

    @Test
    void theDefaultWorkflowAllowsExactlyWhatItsJavadocSays() {
        Workflow<ServiceCaseStatus> w = ServiceCaseStatus.DEFAULT_WORKFLOW;
        Set<ServiceCaseStatus> open = EnumSet.of(ServiceCaseStatus.NEW, ServiceCaseStatus.ASSIGNED,
                ServiceCaseStatus.PENDING_CUSTOMER, ServiceCaseStatus.ON_HOLD);
        for (ServiceCaseStatus from : ServiceCaseStatus.values()) {
            assertThat(from.isOpen()).as("%s is open", from).isEqualTo(open.contains(from));
            for (ServiceCaseStatus end : EnumSet.of(ServiceCaseStatus.RESOLVED, ServiceCaseStatus.REJECTED, ServiceCaseStatus.DUPLICATE)) {
                assertThat(w.allows(from, end)).as("%s to %s", from, end).isEqualTo(open.contains(from));
            }
        }
        assertThat(w.initial()).isEqualTo(ServiceCaseStatus.NEW);
        assertThat(w.next(ServiceCaseStatus.RESOLVED)).containsExactlyInAnyOrder(ServiceCaseStatus.CLOSED, ServiceCaseStatus.ASSIGNED);
        assertThat(w.next(ServiceCaseStatus.CLOSED)).containsExactly(ServiceCaseStatus.ASSIGNED);
        assertThat(w.next(ServiceCaseStatus.REJECTED)).isEmpty();
        assertThat(w.next(ServiceCaseStatus.DUPLICATE)).isEmpty();
        assertThat(w.allows(ServiceCaseStatus.NEW, ServiceCaseStatus.CLOSED)).isFalse();
        assertThat(li.workflow()).isSameAs(w);
    }

    @Test
    void reopeningAResolvedOrClosedCaseTakesItBackToItsAssignee() {
        ServiceCase c = li.create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", "漏水")
                .assignTo(Assignee.user(WANG)));
        wang.resolve(c.id(), null);
        ServiceCase reopened = li.reopen(c.id(), "客户反馈仍漏水");
        wang.resolve(c.id(), "再次修好");
        li.close(c.id(), null);
        ServiceCase again = li.reopen(c.id(), "第三次");

        assertThat(reopened.status()).isEqualTo(ServiceCaseStatus.ASSIGNED);
        assertThat(reopened.assignee()).contains(Assignee.user(WANG));
        assertThat(reopened.history().get(reopened.history().size() - 1)).satisfies(h -> {
            assertThat(h.from()).isEqualTo(ServiceCaseStatus.RESOLVED);
            assertThat(h.to()).isEqualTo(ServiceCaseStatus.ASSIGNED);
            assertThat(h.comment()).contains("客户反馈仍漏水");
            assertThat(h.actor()).isEqualTo(LI);
        });
        assertThat(again.status()).isEqualTo(ServiceCaseStatus.ASSIGNED);
        assertThat(again.history()).extracting(StatusChange::from).endsWith(ServiceCaseStatus.CLOSED);
        assertThat(again.isOpen()).isTrue();
    }

    @Test
    void aCaseNobodyIsAssignedToDoesNotMoveToAssigned() {
        ServiceCase c = open();
        li.resolve(c.id(), "电话中已解决");

        assertThat(violationsOf(() -> li.reopen(c.id(), null))).containsExactly("assignee:required");
        assertThat(li.require(c.id()).status()).isEqualTo(ServiceCaseStatus.RESOLVED);
        ServiceCase assigned = li.assign(c.id(), Assignee.user(WANG));
        assertThat(assigned.status()).as("assigning keeps a status other than NEW").isEqualTo(ServiceCaseStatus.RESOLVED);
        assertThat(li.reopen(c.id(), null).status()).isEqualTo(ServiceCaseStatus.ASSIGNED);
    }

    @Test
    void aCommentIsValidated() {
        ServiceCase c = open();
        assertThat(violationsOf(() -> li.resolve(c.id(), "x".repeat(StatusChange.MAX_COMMENT + 1)))).containsExactly("comment:too_long");
        assertThat(li.require(c.id()).status()).isEqualTo(ServiceCaseStatus.NEW);
    }

    @Test
    void aHostReplacesTheWorkflow() {
        Workflow<ServiceCaseStatus> strict = Workflow.builder(ServiceCaseStatus.class, ServiceCaseStatus.NEW)
                .allow(ServiceCaseStatus.NEW, ServiceCaseStatus.RESOLVED)
                .allow(ServiceCaseStatus.RESOLVED, ServiceCaseStatus.CLOSED)
                .build();
        try (Crm custom = TestCrm.builder(clock).workflow(strict).build()) {
            Customer c = custom.customers().create(NewCustomer.person("王五"));
            ServiceCaseService s = custom.cases();
            ServiceCase assigned = s.create(NewServiceCase.of(c.id(), ServiceCaseOrigin.WEB, "repair", "s")
                    .assignTo(Assignee.user(WANG)));

            assertThat(assigned.status()).as("NEW to ASSIGNED is not allowed here").isEqualTo(ServiceCaseStatus.NEW);
            assertThat(s.workflow()).isSameAs(strict);
            assertThatThrownBy(() -> s.transition(assigned.id(), ServiceCaseStatus.ON_HOLD, null))
                    .isInstanceOf(InvalidTransitionException.class);
            assertThat(s.resolve(assigned.id(), null).status()).isEqualTo(ServiceCaseStatus.RESOLVED);
            assertThatThrownBy(() -> s.reopen(assigned.id(), null)).isInstanceOf(InvalidTransitionException.class);
            assertThat(s.close(assigned.id(), null).history()).extracting(StatusChange::to)
                    .containsExactly(ServiceCaseStatus.RESOLVED, ServiceCaseStatus.CLOSED);
        }
    }

    @Test
    void theAggregateChecksTheWorkflowItIsGiven() {
        ServiceCase c = open();
        assertThatThrownBy(() -> c.transition(ServiceCaseStatus.DEFAULT_WORKFLOW, ServiceCaseStatus.CLOSED, LI,
                clock.instant(), Optional.empty())).isInstanceOf(InvalidTransitionException.class)
                .hasMessageContaining("service case " + c.id());
    }
}
