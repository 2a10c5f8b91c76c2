package io.crmkit.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.analytics.satisfaction.Nps;
import io.crmkit.analytics.satisfaction.SatisfactionAnalytics;
import io.crmkit.analytics.satisfaction.SurveySlice;
import io.crmkit.analytics.value.CustomerValue;
import io.crmkit.analytics.value.CustomerValueAnalytics;
import io.crmkit.core.Crm;
import io.crmkit.core.CrmServices;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.satisfaction.NewSurveyResponse;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Satisfaction and customer value, given {@code crm.as(actor)}, are computed over what the actor may see. */
class VisibleDataOnlyTest {
    static final DepartmentRef EAST = DepartmentRef.of("华东");
    static final DepartmentRef WEST = DepartmentRef.of("华西");

    @Test
    void anActorsNumbersCountOnlyTheirCustomers() {
        AccessPolicy policy = AccessPolicy.builder()
                .grantAll("sales", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER, RecordKind.SURVEY, RecordKind.PURCHASE).build();
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).access(policy).build()) {
            Customer east = crm.customers().create(NewCustomer.person("East").department(EAST));
            Customer west = crm.customers().create(NewCustomer.person("West").department(WEST));
            crm.surveys().record(NewSurveyResponse.nps(east.id(), 10));
            crm.surveys().record(NewSurveyResponse.nps(east.id(), 9));
            crm.surveys().record(NewSurveyResponse.nps(west.id(), 0));
            crm.purchases().record(NewPurchase.of(east.id(), new BigDecimal("100"), "CNY"));
            crm.purchases().record(NewPurchase.of(west.id(), new BigDecimal("900"), "CNY"));
            CrmServices eastRep = crm.as(new Actor(UserRef.of("li"), Set.of("sales"), Set.of(EAST)));

            Nps all = SatisfactionAnalytics.of(crm).nps(SurveySlice.all());
            Nps seen = SatisfactionAnalytics.of(eastRep).nps(SurveySlice.all());
            assertThat(all.count()).isEqualTo(3);
            assertThat(seen.count()).isEqualTo(2);
            assertThat(seen.score()).isEqualTo(100.0);

            assertThat(CustomerValueAnalytics.of(eastRep).customers(PurchaseQuery.all()))
                    .extracting(CustomerValue::customerId).containsExactly(east.id());
            assertThat(CustomerValueAnalytics.of(crm).customers(PurchaseQuery.all())).hasSize(2);
        }
    }
}
