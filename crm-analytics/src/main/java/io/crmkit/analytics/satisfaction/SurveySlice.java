package io.crmkit.analytics.satisfaction;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.satisfaction.SurveyQuery;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.security.DepartmentRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which responses to analyse: a period {@code [from, to)}, a channel, a touchpoint, a customer segment
 * (a set of customers, or any predicate), the department owning the customer. All given criteria must
 * match. Immutable: every method returns a new slice.
 *
 * <pre>{@code
 * SurveySlice.all().between(jan, feb).channel(InteractionChannel.CHAT).department(DepartmentRef.of("售后"))
 * }</pre>
 *
 * @param query      criteria the storage filters on
 * @param customers  a segment of customers, if given
 * @param department the host department owning the customers, if given
 * @param filter     any further condition on the response
 */
public record SurveySlice(SurveyQuery query, Optional<Set<CustomerId>> customers, Optional<DepartmentRef> department,
                          Optional<Predicate<SurveyResponse>> filter) {
    public SurveySlice {
        Objects.requireNonNull(query, "query");
        customers = customers.map(Set::copyOf);
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(filter, "filter");
    }

    /** Every response. */
    public static SurveySlice all() {
        return new SurveySlice(SurveyQuery.all(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Responses given at or after {@code from} and before {@code to}. */
    public SurveySlice between(Instant from, Instant to) {
        return new SurveySlice(query.between(from, to), customers, department, filter);
    }

    public SurveySlice channel(InteractionChannel channel) {
        return new SurveySlice(query.channel(channel), customers, department, filter);
    }

    public SurveySlice touchpoint(String touchpoint) {
        return new SurveySlice(query.touchpoint(touchpoint), customers, department, filter);
    }

    /** Responses of these customers only: a segment. */
    public SurveySlice customers(Set<CustomerId> segment) {
        return new SurveySlice(query, Optional.of(segment), department, filter);
    }

    /** Responses of customers owned by this department of the host application. */
    public SurveySlice department(DepartmentRef department) {
        return new SurveySlice(query, customers, Optional.of(department), filter);
    }

    /** Responses that also satisfy {@code condition}, for example a segment defined by a rule. */
    public SurveySlice where(Predicate<SurveyResponse> condition) {
        Objects.requireNonNull(condition, "condition");
        Optional<Predicate<SurveyResponse>> combined = Optional.of(filter.map(f -> f.and(condition)).orElse(condition));
        return new SurveySlice(query, customers, department, combined);
    }
}
