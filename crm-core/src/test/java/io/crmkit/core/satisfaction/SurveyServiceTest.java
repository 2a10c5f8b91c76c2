package io.crmkit.core.satisfaction;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.InteractionChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurveyServiceTest {
    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final Crm crm = TestCrm.create(clock);
    private final SurveyService surveys = crm.surveys();
    private final Customer customer = crm.customers().create(NewCustomer.person("张三"));

    @AfterEach
    void close() {
        crm.close();
    }

    private List<SurveyResponse> find(SurveyQuery query) {
        return Pages.all(p -> surveys.search(query, p), 2);
    }

    @ParameterizedTest(name = "{0} accepts {1} and {2}, rejects {3} and {4}")
    @CsvSource({"CSAT, 1, 5, 0, 6", "NPS, 0, 10, -1, 11", "CES, 1, 7, 0, 8"})
    void theScaleOfEachKindIsEnforcedAtBothEdges(SurveyKind kind, int min, int max, int below, int above) {
        assertThat(kind.min()).isEqualTo(min);
        assertThat(kind.max()).isEqualTo(max);
        SurveyResponse low = surveys.record(NewSurveyResponse.of(customer.id(), kind, min));
        SurveyResponse high = surveys.record(NewSurveyResponse.of(customer.id(), kind, max));
        assertThat(low.score()).isEqualTo(min);
        assertThat(high.score()).isEqualTo(max);

        assertThat(violationsOf(() -> surveys.record(NewSurveyResponse.of(customer.id(), kind, below))))
                .containsExactly("score:range");
        assertThat(violationsOf(() -> surveys.record(NewSurveyResponse.of(customer.id(), kind, above))))
                .containsExactly("score:range");
        assertThat(find(SurveyQuery.all().kind(kind))).containsExactly(low, high);
    }

    @Test
    void everyFieldIsKept() {
        Instant answered = clock.instant().minus(Duration.ofDays(2));
        SurveyResponse r = surveys.record(NewSurveyResponse.nps(customer.id(), 9)
                .comment("服务很好 👍\n下次还来")
                .touchpoint("售后回访")
                .channel(InteractionChannel.CALL)
                .respondedAt(answered));

        assertThat(r.customerId()).isEqualTo(customer.id());
        assertThat(r.kind()).isEqualTo(SurveyKind.NPS);
        assertThat(r.score()).isEqualTo(9);
        assertThat(r.comment()).contains("服务很好 👍\n下次还来");
        assertThat(r.touchpoint()).contains("售后回访");
        assertThat(r.channel()).contains(InteractionChannel.CALL);
        assertThat(r.respondedAt()).isEqualTo(answered);
        assertThat(surveys.get(r.id())).contains(r);
    }

    @Test
    void theTimeDefaultsToNow() {
        SurveyResponse r = surveys.record(NewSurveyResponse.csat(customer.id(), 4));
        assertThat(r.respondedAt()).isEqualTo(clock.instant());
        assertThat(r.comment()).isEmpty();
        assertThat(r.touchpoint()).isEmpty();
        assertThat(r.channel()).isEmpty();
    }

    @Test
    void textLimitsAndScaleAreReportedTogether() {
        assertThat(violationsOf(() -> surveys.record(NewSurveyResponse.ces(customer.id(), 9)
                .comment("评".repeat(10_001)).touchpoint("t".repeat(101)))))
                .containsExactlyInAnyOrder("score:range", "comment:too_long", "touchpoint:too_long");
        assertThat(find(SurveyQuery.all())).isEmpty();
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        assertThatThrownBy(() -> surveys.record(NewSurveyResponse.csat(CustomerId.parse("01900000-0000-7000-8000-000000000020"), 3)))
                .isInstanceOf(NotFoundException.class);
        assertThat(find(SurveyQuery.all())).isEmpty();
    }

    @Test
    void findFiltersByKindCustomerChannelTouchpointAndPeriod() {
        Customer other = crm.customers().create(NewCustomer.person("李四"));
        Instant t0 = clock.instant();
        SurveyResponse a = surveys.record(NewSurveyResponse.csat(customer.id(), 5).channel(InteractionChannel.CALL)
                .touchpoint("售后").respondedAt(t0.minus(Duration.ofDays(3))));
        SurveyResponse b = surveys.record(NewSurveyResponse.nps(customer.id(), 3).channel(InteractionChannel.EMAIL)
                .touchpoint("checkout").respondedAt(t0.minus(Duration.ofDays(1))));
        SurveyResponse c = surveys.record(NewSurveyResponse.csat(other.id(), 2).channel(InteractionChannel.CALL)
                .touchpoint("售后").respondedAt(t0));
        SurveyResponse d = surveys.record(NewSurveyResponse.ces(other.id(), 6));

        assertThat(find(SurveyQuery.all())).containsExactly(a, b, c, d);
        assertThat(find(SurveyQuery.all().kind(SurveyKind.CSAT))).containsExactly(a, c);
        assertThat(find(SurveyQuery.all().customer(other.id()))).containsExactly(c, d);
        assertThat(find(SurveyQuery.all().channel(InteractionChannel.CALL))).containsExactly(a, c);
        assertThat(find(SurveyQuery.all().touchpoint("售后").kind(SurveyKind.CSAT).customer(customer.id()))).containsExactly(a);
        assertThat(find(SurveyQuery.all().between(t0.minus(Duration.ofDays(3)), t0))).containsExactly(a, b);
        assertThat(find(SurveyQuery.all().between(t0.minus(Duration.ofDays(2)), t0.plusMillis(1)))).containsExactly(b, c, d);
    }
}
