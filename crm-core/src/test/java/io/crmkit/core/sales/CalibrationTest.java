package io.crmkit.core.sales;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Win rates from the stage history, worked by hand with a prior weight k = 2 on the default pipeline (qualification
 * 0.1, needs analysis 0.2, proposal 0.4, negotiation 0.6):
 *
 * <pre>
 * A  qualification, proposal, won
 * B  qualification, proposal, lost
 * C  qualification, lost
 * D  qualification, negotiation, proposal, won
 * F  qualification, proposal, needs analysis, proposal, lost   (enters proposal twice: counted once, scored twice)
 * E  qualification                                             (open: not counted)
 *
 * stage           closed won  posterior (won + 2 p0) / (closed + 2)   entries  squared errors        Brier
 * qualification   5      2    2.2 / 7 = 0.3142857                     5        .81+.01+.01+.81+.01   1.65 / 5 = 0.33
 * needs_analysis  1      0    0.4 / 3 = 0.1333333                     1        .04                   0.04
 * proposal        4      2    2.8 / 6 = 0.4666667                     5        .36+.16+.36+.16+.16   1.2 / 5 = 0.24
 * negotiation     1      1    2.2 / 3 = 0.7333333                     1        .16                   0.16
 * all                                                                 12       3.05                  0.2541667
 * </pre>
 */
class CalibrationTest {
    private final Crm crm = TestCrm.builder(MutableClock.at(TestCrm.START))
            .sales(SalesSettings.builder().priorWeight(2).build())
            .access(AccessPolicy.builder().grantAll("rep", AccessLevel.OWN, RecordKind.OPPORTUNITY)
                    .grantAll("rep", AccessLevel.ALL, RecordKind.CUSTOMER).build())
            .build();
    private final Customer customer = crm.customers().create(NewCustomer.person("张三"));

    @AfterEach
    void close() {
        crm.close();
    }

    private void deal(String owner, String... stages) {
        OpportunityService s = crm.opportunities();
        Opportunity o = s.create(NewOpportunity.of(customer.id(), "deal", BigDecimal.TEN, "CNY", LocalDate.of(2025, 6, 1))
                .owner(UserRef.of(owner)));
        for (String stage : stages) {
            if (stage.equals("closed_lost")) {
                s.lose(o.id(), "lost");
            } else {
                s.moveTo(o.id(), stage, null);
            }
        }
    }

    private void seed() {
        deal("olga", "proposal", "closed_won");
        deal("olga", "proposal", "closed_lost");
        deal("dan", "closed_lost");
        deal("dan", "negotiation", "proposal", "closed_won");
        deal("dan", "proposal", "needs_analysis", "proposal", "closed_lost");
        deal("olga");
    }

    @Test
    void winRatesShrinkTowardTheDefaultProbabilitiesAndTheBrierScoreMeasuresTheForecasts() {
        seed();

        Calibration c = crm.opportunities().calibration("default");

        assertThat(c.priorWeight()).isEqualTo(2);
        assertThat(c.stages()).extracting(StageCalibration::stageCode)
                .containsExactly("qualification", "needs_analysis", "proposal", "negotiation");
        assertThat(c.stages()).extracting(StageCalibration::closed).containsExactly(5L, 1L, 4L, 1L);
        assertThat(c.stages()).extracting(StageCalibration::won).containsExactly(2L, 0L, 2L, 1L);
        assertThat(c.stages()).extracting(StageCalibration::forecasts).containsExactly(5L, 1L, 5L, 1L);
        List<Double> expected = List.of(2.2 / 7, 0.4 / 3, 2.8 / 6, 2.2 / 3);
        List<Double> brier = List.of(0.33, 0.04, 0.24, 0.16);
        for (int i = 0; i < 4; i++) {
            assertThat(c.stages().get(i).calibrated()).isCloseTo(expected.get(i), within(1e-9));
            assertThat(c.stages().get(i).brierScore().orElseThrow()).isCloseTo(brier.get(i), within(1e-9));
        }
        assertThat(c.brierScore().orElseThrow()).isCloseTo(3.05 / 12, within(1e-9));
    }

    @Test
    void withoutClosedOpportunitiesEveryStageKeepsItsDefault() {
        deal("olga");

        Calibration c = crm.opportunities().calibration("default");

        assertThat(c.stages()).extracting(StageCalibration::calibrated).containsExactly(0.1, 0.2, 0.4, 0.6);
        assertThat(c.stages()).allMatch(s -> s.brierScore().isEmpty() && s.closed() == 0);
        assertThat(c.brierScore()).isEmpty();
    }

    @Test
    void onlyTheOpportunitiesTheActorMayReadCount() {
        seed();
        Actor olga = new Actor(UserRef.of("olga"), Set.of("rep"), Set.of());

        Calibration c = crm.as(olga).opportunities().calibration("default");

        // A and B: qualification 2 closed 1 won, proposal 2 closed 1 won
        assertThat(c.stages()).extracting(StageCalibration::closed).containsExactly(2L, 0L, 2L, 0L);
        assertThat(c.stages().get(0).calibrated()).isCloseTo(1.2 / 4, within(1e-9));
        assertThat(c.brierScore().orElseThrow()).isCloseTo((0.81 + 0.01 + 0.36 + 0.16) / 4, within(1e-9));
        assertThat(crm.as(new Actor(UserRef.of("x"), Set.of(), Set.of())).opportunities().calibration("default").brierScore())
                .isEmpty();
    }

    @Test
    void anUnknownPipelineAndABadPriorWeightAreRefused() {
        assertThat(violationsOf(() -> crm.opportunities().calibration("nope"))).containsExactly("pipeline:unknown_pipeline");
        assertThat(violationsOf(() -> SalesSettings.builder().priorWeight(0).build())).containsExactly("priorWeight:range");
        assertThat(violationsOf(() -> SalesSettings.builder().priorWeight(Double.NaN).build())).containsExactly("priorWeight:range");
        assertThat(SalesSettings.DEFAULT.priorWeight()).isEqualTo(10);
    }
}
