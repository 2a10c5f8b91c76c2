package io.crmkit.core.service;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.requirement.NewRequirement;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Opening, editing, linking and finding service cases through {@code crm.cases()}, on memory storage. */
class ServiceCaseServiceTest {
    static final String EMOJI = "😀👍";
    static final String SQL = "'; DROP TABLE crm_service_cases; -- %_\\";
    static final UserRef WANG = UserRef.of("wang.wu");
    static final DepartmentRef SERVICE = DepartmentRef.of("客服部");

    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final Crm crm = TestCrm.create(clock);
    private final ServiceCaseService cases = crm.as(Actor.user("li.si")).cases();
    private final Customer customer = crm.customers().create(NewCustomer.person("张三"));
    private final Customer other = crm.customers().create(NewCustomer.person("李四"));

    @AfterEach
    void close() {
        crm.close();
    }

    private NewServiceCase form(String subject) {
        return NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", subject);
    }

    private List<ServiceCase> ofCustomer(CustomerId id) {
        return Pages.all(p -> cases.ofCustomer(id, p), 2);
    }

    private List<ServiceCase> search(ServiceCaseQuery query) {
        return Pages.all(p -> cases.search(query, p), 2);
    }

    @Test
    void openedInStatusNewWithEveryField() {
        Interaction call = crm.interactions().log(customer.id(), Interaction.call(Direction.INBOUND).subject("报修"));
        Requirement need = crm.requirements().create(NewRequirement.of(customer.id(), "上门维修"));
        ServiceCase c = cases.create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.EMAIL, " 退货 ", " 空调不制冷 ")
                .description("型号 KFR-35\n购买于 2024 年")
                .priority(Priority.URGENT)
                .interaction(call.id())
                .requirement(need.id()));

        assertThat(c.status()).isEqualTo(ServiceCaseStatus.NEW);
        assertThat(c.customerId()).isEqualTo(customer.id());
        assertThat(c.subject()).isEqualTo("空调不制冷");
        assertThat(c.description()).contains("型号 KFR-35\n购买于 2024 年");
        assertThat(c.origin()).isEqualTo(ServiceCaseOrigin.EMAIL);
        assertThat(c.type()).isEqualTo("退货");
        assertThat(c.priority()).isEqualTo(Priority.URGENT);
        assertThat(c.assignee()).isEmpty();
        assertThat(c.parentId()).isEmpty();
        assertThat(c.interactionIds()).containsExactly(call.id());
        assertThat(c.requirementIds()).containsExactly(need.id());
        assertThat(c.history()).isEmpty();
        assertThat(c.createdBy()).isEqualTo(UserRef.of("li.si"));
        assertThat(c.createdAt()).isEqualTo(clock.instant());
        assertThat(c.statusSince()).isEqualTo(clock.instant());
        assertThat(c.version()).isEqualTo(1);
        assertThat(cases.get(c.id())).contains(c);
        assertThat(cases.require(c.id())).isEqualTo(c);
    }

    @Test
    void openedWithAnAssigneeStartsAssigned() {
        ServiceCase c = cases.create(form("安装").assignTo(Assignee.userInDepartment(WANG, SERVICE)));

        assertThat(c.status()).isEqualTo(ServiceCaseStatus.ASSIGNED);
        assertThat(c.assignee()).contains(Assignee.userInDepartment(WANG, SERVICE));
        assertThat(c.history()).singleElement().satisfies(h -> {
            assertThat(h.from()).isEqualTo(ServiceCaseStatus.NEW);
            assertThat(h.to()).isEqualTo(ServiceCaseStatus.ASSIGNED);
            assertThat(h.actor()).isEqualTo(UserRef.of("li.si"));
        });
        assertThat(c.version()).isEqualTo(1);
    }

    @Test
    void emptyHugeAndMalformedFieldsAreReportedTogetherAndNothingIsWritten() {
        assertThat(violationsOf(() -> cases.create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.WEB, " ", "  ")
                .description("d".repeat(ServiceCase.MAX_DESCRIPTION + 1)))))
                .containsExactlyInAnyOrder("subject:required", "type:required", "description:too_long");
        assertThat(violationsOf(() -> cases.create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.WEB, "a b",
                "s".repeat(ServiceCase.MAX_SUBJECT + 1)))))
                .containsExactlyInAnyOrder("subject:too_long", "type:format");
        assertThat(violationsOf(() -> cases.create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.WEB,
                "t".repeat(ServiceCase.MAX_TYPE + 1), "line\u0007bell"))))
                .containsExactlyInAnyOrder("subject:control_character", "type:too_long");
        assertThat(violationsOf(() -> cases.create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.WEB, "repair';--", "x"))))
                .containsExactly("type:format");
        assertThat(ofCustomer(customer.id())).isEmpty();
    }

    @Test
    void chineseEmojiAndSqlMetacharactersAreKeptAsGiven() {
        String subject = "投诉：配送员态度差 " + EMOJI + " " + SQL;
        ServiceCase c = cases.create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.CHAT, "投诉_1.a", subject)
                .description(SQL + "\n" + EMOJI));
        String longest = "工".repeat(ServiceCase.MAX_SUBJECT - 2) + EMOJI; // 200 code points, 202 chars

        assertThat(cases.require(c.id()).subject()).isEqualTo(subject);
        assertThat(cases.require(c.id()).description()).contains(SQL + "\n" + EMOJI);
        assertThat(cases.require(c.id()).type()).isEqualTo("投诉_1.a");
        assertThat(cases.create(form(longest)).subject()).isEqualTo(longest);
        assertThat(search(ServiceCaseQuery.all().type("投诉_1.a"))).extracting(ServiceCase::id).containsExactly(c.id());
        assertThat(search(ServiceCaseQuery.all().type("%"))).isEmpty();
    }

    @Test
    void linksMustBeOfTheSameCustomerAndExist() {
        Interaction theirs = crm.interactions().log(other.id(), Interaction.call(Direction.INBOUND));
        Requirement theirNeed = crm.requirements().create(NewRequirement.of(other.id(), "x"));

        assertThat(violationsOf(() -> cases.create(form("s").interaction(theirs.id()).requirement(theirNeed.id()))))
                .containsExactlyInAnyOrder("interactionIds[0]:other_customer", "requirementIds[0]:other_customer");
        InteractionId nowhere = InteractionId.parse("01900000-0000-7000-8000-00000000000a");
        assertThatThrownBy(() -> cases.create(form("s").interaction(nowhere))).isInstanceOf(NotFoundException.class);
        RequirementId noNeed = RequirementId.parse("01900000-0000-7000-8000-00000000000b");
        assertThatThrownBy(() -> cases.create(form("s").requirement(noNeed))).isInstanceOf(NotFoundException.class);
        CustomerId unknown = CustomerId.parse("01900000-0000-7000-8000-00000000000c");
        assertThatThrownBy(() -> cases.create(NewServiceCase.of(unknown, ServiceCaseOrigin.WEB, "repair", "s")))
                .isInstanceOf(NotFoundException.class);
        assertThat(ofCustomer(customer.id())).isEmpty();

        ServiceCase c = cases.create(form("s"));
        assertThat(violationsOf(() -> cases.linkInteraction(c.id(), theirs.id()))).containsExactly("interactionId:other_customer");
        assertThat(violationsOf(() -> cases.linkRequirement(c.id(), theirNeed.id()))).containsExactly("requirementId:other_customer");
        assertThatThrownBy(() -> cases.linkInteraction(c.id(), nowhere)).isInstanceOf(NotFoundException.class);
        assertThat(cases.require(c.id()).version()).as("nothing was written").isEqualTo(1);
    }

    @Test
    void linkingAddsInOrderAndLinkingTwiceChangesNothing() {
        Interaction call = crm.interactions().log(customer.id(), Interaction.call(Direction.INBOUND));
        Interaction mail = crm.interactions().log(customer.id(), Interaction.call(Direction.OUTBOUND));
        Requirement need = crm.requirements().create(NewRequirement.of(customer.id(), "n"));
        ServiceCase c = cases.create(form("s").interaction(call.id()));
        clock.advance(Duration.ofMinutes(5));

        ServiceCase linked = cases.linkInteraction(c.id(), mail.id());
        ServiceCase again = cases.linkInteraction(c.id(), call.id());
        ServiceCase withNeed = cases.linkRequirement(c.id(), need.id());

        assertThat(linked.interactionIds()).containsExactly(call.id(), mail.id());
        assertThat(linked.updatedAt()).isEqualTo(clock.instant());
        assertThat(linked.version()).isEqualTo(2);
        assertThat(again).isEqualTo(linked);
        assertThat(withNeed.requirementIds()).containsExactly(need.id());
        assertThat(withNeed.version()).isEqualTo(3);
        assertThat(cases.linkRequirement(c.id(), need.id()).version()).isEqualTo(3);
        assertThat(cases.require(c.id())).isEqualTo(withNeed);
    }

    @Test
    void aParentMustExistBelongToTheSameCustomerAndNeverMakeACycle() {
        ServiceCase root = cases.create(form("root"));
        ServiceCase child = cases.create(form("child").parent(root.id()));
        ServiceCase grandchild = cases.create(form("grandchild").parent(child.id()));
        ServiceCase theirs = cases.create(NewServiceCase.of(other.id(), ServiceCaseOrigin.WEB, "repair", "theirs"));

        assertThat(child.parentId()).contains(root.id());
        assertThat(violationsOf(() -> cases.create(form("x").parent(theirs.id())))).containsExactly("parentId:other_customer");
        assertThatThrownBy(() -> cases.create(form("x").parent(ServiceCaseId.parse("01900000-0000-7000-8000-00000000000d"))))
                .isInstanceOf(NotFoundException.class);
        assertThat(violationsOf(() -> cases.setParent(root.id(), grandchild.id()))).containsExactly("parentId:cycle");
        assertThat(violationsOf(() -> cases.setParent(root.id(), root.id()))).containsExactly("parentId:cycle");
        assertThat(violationsOf(() -> cases.setParent(root.id(), theirs.id()))).containsExactly("parentId:other_customer");
        assertThat(cases.require(root.id()).parentId()).isEmpty();

        ServiceCase moved = cases.setParent(grandchild.id(), root.id());
        assertThat(moved.parentId()).contains(root.id());
        assertThat(search(ServiceCaseQuery.all().childrenOf(root.id()))).extracting(ServiceCase::id)
                .containsExactly(child.id(), grandchild.id());
        assertThat(cases.setParent(grandchild.id(), null).parentId()).isEmpty();
        assertThat(cases.setParent(grandchild.id(), null).version()).as("no change, no write").isEqualTo(moved.version() + 1);
    }

    @Test
    void aChainOfParentsIsBounded() {
        ServiceCase top = cases.create(form("0"));
        ServiceCase bottom = top;
        for (int i = 1; i <= ServiceCase.MAX_DEPTH; i++) {
            bottom = cases.create(form(String.valueOf(i)).parent(bottom.id()));
        }
        ServiceCaseId deepest = bottom.id();

        assertThat(violationsOf(() -> cases.create(form("too deep").parent(deepest)))).containsExactly("parentId:too_deep");
    }

    @Test
    void updateChangesTheDetailsAndRefusesAStaleEdit() {
        ServiceCase c = cases.create(form("报价"));
        ServiceCaseEdit first = c.edit().subject("正式报价 " + EMOJI).description("含税").type("quote").priority(Priority.HIGH);
        ServiceCaseEdit stale = c.edit().subject("lost");

        ServiceCase updated = cases.update(first);

        assertThat(updated.subject()).isEqualTo("正式报价 " + EMOJI);
        assertThat(updated.description()).contains("含税");
        assertThat(updated.type()).isEqualTo("quote");
        assertThat(updated.priority()).isEqualTo(Priority.HIGH);
        assertThat(updated.status()).isEqualTo(ServiceCaseStatus.NEW);
        assertThat(updated.version()).isEqualTo(2);
        assertThatThrownBy(() -> cases.update(stale)).isInstanceOf(ConflictException.class).hasMessageContaining("reload");
        assertThat(cases.require(c.id())).isEqualTo(updated);
        assertThat(cases.update(updated.edit().description(" ")).description()).isEmpty();
        assertThat(violationsOf(() -> cases.update(cases.require(c.id()).edit().subject("").type("a b"))))
                .containsExactlyInAnyOrder("subject:required", "type:format");
    }

    @Test
    void changingAnUnknownCaseIsNotFound() {
        ServiceCaseId unknown = ServiceCaseId.parse("01900000-0000-7000-8000-00000000000e");
        assertThat(cases.get(unknown)).isEmpty();
        assertThatThrownBy(() -> cases.require(unknown)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cases.resolve(unknown, null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cases.assign(unknown, Assignee.user(WANG))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cases.setParent(unknown, null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void searchCombinesEveryCriterion() {
        ServiceCase a = cases.create(form("a").priority(Priority.HIGH).assignTo(Assignee.user(WANG)));
        clock.advance(Duration.ofHours(1));
        Instant second = clock.instant();
        ServiceCase b = cases.create(form("b").assignTo(Assignee.department(SERVICE)));
        ServiceCase c = cases.create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.FEEDBACK, "complaint", "c"));
        clock.advance(Duration.ofHours(1));
        ServiceCase d = cases.create(NewServiceCase.of(other.id(), ServiceCaseOrigin.SURVEY, "complaint", "d")
                .assignTo(Assignee.userInDepartment(WANG, SERVICE)));
        cases.resolve(b.id(), "已解决");
        cases.transition(c.id(), ServiceCaseStatus.REJECTED, "不属于售后");

        assertThat(search(ServiceCaseQuery.all())).extracting(ServiceCase::id).containsExactly(a.id(), b.id(), c.id(), d.id());
        assertThat(ofCustomer(customer.id())).extracting(ServiceCase::id).containsExactly(a.id(), b.id(), c.id());
        assertThat(search(ServiceCaseQuery.all().status(ServiceCaseStatus.ASSIGNED))).extracting(ServiceCase::id)
                .containsExactly(a.id(), d.id());
        assertThat(search(ServiceCaseQuery.all().status(ServiceCaseStatus.RESOLVED, ServiceCaseStatus.REJECTED)))
                .extracting(ServiceCase::id).containsExactly(b.id(), c.id());
        assertThat(search(ServiceCaseQuery.all().openOnly())).extracting(ServiceCase::id).containsExactly(a.id(), d.id());
        assertThat(search(ServiceCaseQuery.all().openOnly().status(ServiceCaseStatus.RESOLVED))).isEmpty();
        assertThat(search(ServiceCaseQuery.all().assigneeUser(WANG))).extracting(ServiceCase::id).containsExactly(a.id(), d.id());
        assertThat(search(ServiceCaseQuery.all().assigneeDepartment(SERVICE))).extracting(ServiceCase::id)
                .containsExactly(b.id(), d.id());
        assertThat(Pages.all(p -> cases.assignedToDepartment(SERVICE, p))).extracting(ServiceCase::id).containsExactly(d.id());
        assertThat(Pages.all(p -> cases.assignedToUser(WANG, p), 1)).extracting(ServiceCase::id).containsExactly(a.id(), d.id());
        assertThat(search(ServiceCaseQuery.all().priority(Priority.HIGH))).extracting(ServiceCase::id).containsExactly(a.id());
        assertThat(search(ServiceCaseQuery.all().type("complaint"))).extracting(ServiceCase::id).containsExactly(c.id(), d.id());
        assertThat(search(ServiceCaseQuery.all().createdBetween(second, second.plus(Duration.ofHours(1)))))
                .extracting(ServiceCase::id).containsExactly(b.id(), c.id());
        assertThat(search(ServiceCaseQuery.all().customer(other.id()).type("complaint").assigneeUser(WANG).openOnly()))
                .extracting(ServiceCase::id).containsExactly(d.id());
    }
}
