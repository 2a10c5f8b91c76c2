package io.crmkit.analytics.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.analytics.text.EntityType;
import io.crmkit.analytics.text.Polarity;
import io.crmkit.analytics.text.Sentiment;
import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseOrigin;
import io.crmkit.core.service.ServiceCaseQuery;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Priority;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Feedback in, cases out. The sentiment model here is a stand-in that calls a text negative when it contains 失望 or
 * "late" (so the test is about the intake, not about a model's accuracy); entities are crmkit's own.
 */
class FeedbackIntakeTest {
    private static final DepartmentRef FINANCE = DepartmentRef.of("财务部");
    private static final DepartmentRef SERVICE = DepartmentRef.of("客服部");
    private Crm crm;
    private Customer customer;
    private FeedbackIntake intake;

    @BeforeEach
    void start() {
        crm = Crm.builder().storage(InMemoryStorage.create()).build();
        customer = crm.customers().create(NewCustomer.person("张伟"));
        intake = FeedbackIntake.builder(crm)
                .sentiment(text -> text.contains("失望") || text.contains("late") ? new Sentiment(Polarity.NEGATIVE, -0.8)
                        : new Sentiment(Polarity.POSITIVE, 0.6))
                .route("发票", FINANCE).route("Invoice", FINANCE).defaultDepartment(SERVICE).build();
    }

    @AfterEach
    void close() {
        crm.close();
    }

    @Test
    void negativeFeedbackNamingAnOrderOpensACaseRoutedByTopicWithTheAnalysisOnTheTimeline() {
        FeedbackResult r = intake.receive(customer.id(), InteractionChannel.EMAIL, "订单号：SO20261180 的发票还没收到，很失望");

        assertThat(r.opened()).isTrue();
        assertThat(r.entities()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(EntityType.ORDER_NUMBER);
            assertThat(e.value()).isEqualTo("SO20261180");
        });
        ServiceCase c = r.serviceCase().orElseThrow();
        assertThat(c.origin()).isEqualTo(ServiceCaseOrigin.FEEDBACK);
        assertThat(c.type()).isEqualTo("feedback");
        assertThat(c.priority()).isEqualTo(Priority.HIGH);
        assertThat(c.assignee()).contains(Assignee.department(FINANCE));
        assertThat(c.interactionIds()).containsExactly(r.interaction().id());
        assertThat(c.description().orElseThrow()).contains("sentiment NEGATIVE -0.80; orders SO20261180");
        assertThat(r.interaction().direction()).isEqualTo(Direction.INBOUND);
        assertThat(r.interaction().outcome()).contains("sentiment NEGATIVE -0.80; orders SO20261180");
        assertThat(crm.interactions().timeline(customer.id(), TimelineQuery.all(), PageRequest.first(10)).items())
                .extracting(i -> i.id()).contains(r.interaction().id());
    }

    @Test
    void anOrderNumberThatIsOneOfTheCustomersPurchasesLinksItButNeverAnotherCustomersOrder() {
        Purchase own = crm.purchases().record(NewPurchase.of(customer.id(), new BigDecimal("299.00"), "CNY")
                .product("小米手环8").externalId("SO20261180").occurredAt(Instant.parse("2026-03-01T08:00:00Z")));
        Customer other = crm.customers().create(NewCustomer.person("李娜"));
        crm.purchases().record(NewPurchase.of(other.id(), new BigDecimal("8999"), "CNY").product("华为Mate 60")
                .externalId("SO20269999"));

        FeedbackResult r = intake.receive(customer.id(), InteractionChannel.EMAIL,
                "订单号：SO20261180 的手环坏了，很失望；还有订单号：SO20269999 和订单号：SO20260000");

        assertThat(r.purchases()).containsExactly(own);
        String description = r.serviceCase().orElseThrow().description().orElseThrow();
        assertThat(description).contains("-- purchase SO20261180: 小米手环8, 1 x, 299.00 CNY, 2026-03-01T08:00:00Z ("
                + own.id().value() + ")");
        assertThat(description).doesNotContain("华为Mate 60").doesNotContain("8999");
        assertThat(intake.receive(customer.id(), InteractionChannel.CHAT, "服务很好").purchases()).isEmpty();
    }

    @Test
    void moreFeedbackOnTheSameOrderJoinsTheOpenCaseAndPositiveFeedbackOpensNone() {
        ServiceCase first = intake.receive(customer.id(), InteractionChannel.EMAIL, "订单号：SO20261180 很失望").serviceCase()
                .orElseThrow();
        FeedbackResult again = intake.receive(customer.id(), InteractionChannel.CHAT, "Order no. SO20261180 arrived today, thanks");

        assertThat(again.opened()).isFalse();
        assertThat(again.serviceCase()).hasValueSatisfying(c -> {
            assertThat(c.id()).isEqualTo(first.id());
            assertThat(c.interactionIds()).hasSize(2).contains(again.interaction().id());
        });
        FeedbackResult praise = intake.receive(customer.id(), InteractionChannel.CHAT, "服务很好，谢谢 😀");
        assertThat(praise.serviceCase()).isEmpty();
        assertThat(praise.interaction().outcome()).contains("sentiment POSITIVE 0.60");
        assertThat(crm.cases().search(ServiceCaseQuery.all().customer(customer.id()), PageRequest.first(10)).items()).hasSize(1);
    }

    @Test
    void negativeFeedbackWithoutATopicGoesToTheDefaultDepartmentAndBadInputIsRefused() {
        ServiceCase c = intake.receive(customer.id(), InteractionChannel.EMAIL, "Delivery was late again; '; DROP TABLE cases; --")
                .serviceCase().orElseThrow();
        assertThat(c.assignee()).contains(Assignee.department(SERVICE));
        assertThat(c.subject()).startsWith("Delivery was late again");

        assertThatThrownBy(() -> intake.receive(customer.id(), InteractionChannel.EMAIL, "  "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("text")).isTrue());
        assertThatThrownBy(() -> intake.receive(customer.id(), InteractionChannel.EMAIL, "x".repeat(FeedbackIntake.MAX_TEXT + 1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("text")).isTrue());
        assertThatThrownBy(() -> FeedbackIntake.builder(crm).negativeBelow(-2).caseType(" ").build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.hasViolation("negativeBelow")).isTrue();
                    assertThat(e.hasViolation("caseType")).isTrue();
                });
        assertThat(crm.cases().search(ServiceCaseQuery.all(), PageRequest.first(10)).items()).hasSize(1);
    }
}
