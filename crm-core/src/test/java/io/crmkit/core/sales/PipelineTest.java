package io.crmkit.core.sales;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.TestCrm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.NewCustomer;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PipelineTest {
    @Test
    void theDefaultPipelineHasTheUsualStagesInOrder() {
        Pipeline p = Pipeline.DEFAULT;

        assertThat(p.code()).isEqualTo("default");
        assertThat(p.stages()).extracting(Stage::code).containsExactly("qualification", "needs_analysis", "proposal",
                "negotiation", "closed_won", "closed_lost");
        assertThat(p.stages()).extracting(s -> s.probability().toPlainString())
                .containsExactly("0.1000", "0.2000", "0.4000", "0.6000", "1.0000", "0.0000");
        assertThat(p.stages()).extracting(Stage::category).containsExactly(ForecastCategory.PIPELINE,
                ForecastCategory.PIPELINE, ForecastCategory.BEST_CASE, ForecastCategory.COMMIT, ForecastCategory.CLOSED_WON,
                ForecastCategory.CLOSED_LOST);
        assertThat(p.first().code()).isEqualTo("qualification");
        assertThat(p.won().code()).isEqualTo("closed_won");
        assertThat(p.lost().code()).isEqualTo("closed_lost");
        assertThat(p.stage("proposal").map(Stage::staleAfterWorkingDays)).contains(10);
        assertThat(p.stage("nope")).isEmpty();
        assertThat(violationsOf(() -> p.requireStage("nope"))).containsExactly("stageCode:unknown_stage");
    }

    @Test
    void everyBrokenRuleIsReportedAtOnce() {
        Pipeline.Builder b = Pipeline.builder("Bad Code", " ")
                .stage(Stage.of("a", "A", 1.5, ForecastCategory.PIPELINE))
                .stage(Stage.of("a", "", -0.1, ForecastCategory.COMMIT).staleAfter(-1))
                .stage(new Stage("b", "B", new BigDecimal("0.12345"), ForecastCategory.BEST_CASE, 4000))
                .stage(Stage.of("won", "Won", 0.9, ForecastCategory.CLOSED_WON))
                .stage(Stage.of("won2", "Won again", 1, ForecastCategory.CLOSED_WON))
                .stage(Stage.of("x y", "X", 0.5, ForecastCategory.PIPELINE));

        assertThat(violationsOf(b::build)).containsExactlyInAnyOrder(
                "code:format", "name:required",
                "stages[0].probability:range",
                "stages[1].code:duplicate", "stages[1].name:required", "stages[1].probability:range",
                "stages[1].staleAfterWorkingDays:range",
                "stages[2].probability:scale", "stages[2].staleAfterWorkingDays:range",
                "stages[3].probability:won_not_certain",
                "stages[5].code:format",
                "stages:won_stage", "stages:lost_stage");
    }

    @Test
    void aPipelineNeedsAnOpenStageAndALostStageWithProbabilityZero() {
        assertThat(violationsOf(() -> Pipeline.builder("p", "P")
                .stage(Stage.of("won", "Won", 1, ForecastCategory.CLOSED_WON))
                .stage(Stage.of("lost", "Lost", 0.2, ForecastCategory.CLOSED_LOST)).build()))
                .containsExactlyInAnyOrder("stages:open_stage", "stages[1].probability:lost_not_zero");
        assertThat(violationsOf(() -> Pipeline.builder("p", "P").build())).contains("stages:count");
        assertThatThrownBy(() -> Pipeline.builder("p", "P").stage(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aHostReplacesTheDefaultPipelineAndAddsOthers() {
        Pipeline mine = Pipeline.builder("default", "项目销售")
                .stage(Stage.of("lead", "线索", 0.05, ForecastCategory.PIPELINE))
                .stage(Stage.of("won", "赢单", 1, ForecastCategory.CLOSED_WON))
                .stage(Stage.of("lost", "输单", 0, ForecastCategory.CLOSED_LOST))
                .build();
        Pipeline renewals = Pipeline.builder("renewals", "Renewals")
                .stage(Stage.of("due", "Due", 0.8, ForecastCategory.COMMIT))
                .stage(Stage.of("renewed", "Renewed", 1, ForecastCategory.CLOSED_WON))
                .stage(Stage.of("churned", "Churned", 0, ForecastCategory.CLOSED_LOST))
                .build();
        try (Crm crm = TestCrm.builder(io.crmkit.core.MutableClock.at(TestCrm.START))
                .sales(SalesSettings.builder().pipeline(mine).pipeline(renewals).build()).build()) {
            var c = crm.customers().create(NewCustomer.person("张三"));
            Opportunity o = crm.opportunities().create(NewOpportunity.of(c.id(), "n", BigDecimal.TEN, "CNY", LocalDate.of(2025, 6, 1)));
            Opportunity r = crm.opportunities().create(NewOpportunity.of(c.id(), "r", BigDecimal.TEN, "CNY", LocalDate.of(2025, 6, 1))
                    .pipeline("renewals"));

            assertThat(crm.opportunities().pipelines()).containsExactly(mine, renewals);
            assertThat(o.stageCode()).isEqualTo("lead");
            assertThat(o.probability()).isEqualByComparingTo("0.05");
            assertThat(r.pipelineCode()).isEqualTo("renewals");
            assertThat(r.stageCode()).isEqualTo("due");
            assertThat(violationsOf(() -> crm.opportunities().create(
                    NewOpportunity.of(c.id(), "x", BigDecimal.ONE, "CNY", LocalDate.of(2025, 6, 1)).pipeline("nope"))))
                    .containsExactly("pipeline:unknown_pipeline");
        }
    }

    @Test
    void theDefaultPipelineMustBeConfigured() {
        assertThatThrownBy(() -> SalesSettings.builder().defaultPipeline("nope").build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("defaultPipeline");
        assertThat(SalesSettings.DEFAULT.defaultPipeline()).isEqualTo(Pipeline.DEFAULT);
    }
}
