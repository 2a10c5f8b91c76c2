package io.crmkit.bench.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.analytics.satisfaction.SatisfactionAnalytics;
import io.crmkit.analytics.satisfaction.ScoreDistribution;
import io.crmkit.analytics.satisfaction.SurveySlice;
import io.crmkit.core.Crm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.satisfaction.NewSurveyResponse;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.satisfaction.SurveyResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The benchmark's CRM: generated responses first, then the ones recorded in its store. */
class GeneratingCrmTest {

    @Test
    void recordedResponsesFollowTheGeneratedOnes() {
        int[] table = new int[1 << 16];
        Arrays.fill(table, 9);
        try (Crm crm = SatisfactionMetricsBenchmark.generatingCrm(table)) {
            Customer c = crm.customers().create(NewCustomer.person("基准"));
            SurveyResponse recorded = crm.surveys().record(NewSurveyResponse.nps(c.id(), 0));
            assertThat(crm.surveys().get(recorded.id())).contains(recorded);
            assertThatThrownBy(() -> crm.surveys().record(NewSurveyResponse.nps(c.id(), 11)))
                    .isInstanceOf(ValidationException.class);

            ScoreDistribution d = SatisfactionAnalytics.of(crm).distribution(SurveyKind.NPS, SurveySlice.all());
            assertThat(d.count()).isEqualTo(SatisfactionMetricsBenchmark.RESPONSES + 1L);
            assertThat(d.summary().mean()).isEqualTo(9.0 * SatisfactionMetricsBenchmark.RESPONSES / d.count());
        }
    }
}
