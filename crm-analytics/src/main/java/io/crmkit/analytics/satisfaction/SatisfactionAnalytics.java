package io.crmkit.analytics.satisfaction;

import io.crmkit.analytics.internal.Pages;
import io.crmkit.core.CrmServices;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.satisfaction.SurveyQuery;
import io.crmkit.core.satisfaction.SurveyResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Satisfaction metrics read from a CRM's survey responses. Responses are streamed page by page and
 * reduced to counts per score, so memory stays constant however many there are (a trend keeps one
 * set of counts per period; a department slice keeps the department's customer ids). Thread-safe.
 *
 * <pre>{@code
 * SatisfactionAnalytics sat = SatisfactionAnalytics.of(crm);
 * Nps nps = sat.nps(SurveySlice.all().between(q1Start, q2Start));
 * Trend csatByMonth = sat.trend(SurveyKind.CSAT, SurveySlice.all(), Granularity.MONTH, ZoneId.of("Asia/Shanghai"));
 * }</pre>
 */
public final class SatisfactionAnalytics {
    private final CrmServices crm;

    private SatisfactionAnalytics(CrmServices crm) {
        this.crm = crm;
    }

    /** Analytics over this CRM's responses, read as its acting user. */
    public static SatisfactionAnalytics of(CrmServices crm) {
        return new SatisfactionAnalytics(Objects.requireNonNull(crm, "crm"));
    }

    /** Counts per score of one kind of response in a slice. */
    public ScoreDistribution distribution(SurveyKind kind, SurveySlice slice) {
        ScoreCounter counter = ScoreCounter.of(kind);
        scan(kind, slice, r -> counter.add(r.score()));
        return counter.snapshot();
    }

    /** Count, mean, median, standard deviation, 95% interval and counts per score. */
    public ScoreSummary summary(SurveyKind kind, SurveySlice slice) {
        return distribution(kind, slice).summary();
    }

    /** CSAT of the slice's CSAT responses. */
    public Csat csat(SurveySlice slice) {
        return Csat.of(distribution(SurveyKind.CSAT, slice));
    }

    /** NPS of the slice's NPS responses. */
    public Nps nps(SurveySlice slice) {
        return Nps.of(distribution(SurveyKind.NPS, slice));
    }

    /** CES of the slice's CES responses. */
    public Ces ces(SurveySlice slice) {
        return Ces.of(distribution(SurveyKind.CES, slice));
    }

    /** Compares two slices (typically two periods) of one kind of response. */
    public Comparison compare(SurveyKind kind, SurveySlice first, SurveySlice second) {
        return Comparison.of(distribution(kind, first), distribution(kind, second));
    }

    /** Scores per week or month, periods taken in {@code zone}, with a regression line. */
    public Trend trend(SurveyKind kind, SurveySlice slice, Granularity granularity, ZoneId zone) {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(zone, "zone");
        Map<LocalDate, ScoreCounter> periods = new TreeMap<>();
        scan(kind, slice, r -> {
            LocalDate start = granularity.periodStart(LocalDate.ofInstant(r.respondedAt(), zone));
            periods.computeIfAbsent(start, d -> ScoreCounter.of(kind)).add(r.score());
        });
        Map<LocalDate, ScoreDistribution> snapshots = new TreeMap<>();
        periods.forEach((d, c) -> snapshots.put(d, c.snapshot()));
        return trend(granularity, snapshots);
    }

    /**
     * A trend from distributions per period, for callers that count scores themselves. Keys are the
     * first days of the periods.
     */
    public static Trend trend(Granularity granularity, Map<LocalDate, ScoreDistribution> periods) {
        List<TrendPoint> points = new ArrayList<>();
        LocalDate first = null;
        for (Map.Entry<LocalDate, ScoreDistribution> e : new TreeMap<>(periods).entrySet()) {
            if (e.getValue().count() == 0) {
                continue;
            }
            if (first == null) {
                first = e.getKey();
            }
            points.add(new TrendPoint(e.getKey(), granularity.between(first, e.getKey()), e.getValue()));
        }
        // Least squares over every response, from counts: x = period index, y = score.
        double n = 0;
        double sx = 0;
        double sy = 0;
        for (TrendPoint p : points) {
            long c = p.distribution().count();
            n += c;
            sx += (double) c * p.index();
            sy += p.distribution().mean() * c;
        }
        if (points.size() < 2 || n < 3) {
            return new Trend(granularity, points, Double.NaN, Double.NaN, n == 0 ? Double.NaN : sy / n, Double.NaN);
        }
        double xBar = sx / n;
        double yBar = sy / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (TrendPoint p : points) {
            ScoreDistribution d = p.distribution();
            double dx = p.index() - xBar;
            sxx += d.count() * dx * dx;
            sxy += dx * (d.mean() - yBar) * d.count();
            for (Map.Entry<Integer, Long> c : d.counts().entrySet()) {
                double dy = c.getKey() - yBar;
                syy += c.getValue() * dy * dy;
            }
        }
        double slope = sxy / sxx;
        double intercept = yBar - slope * xBar;
        double sse = Math.max(0, syy - slope * sxy);
        double se = Math.sqrt(sse / (n - 2) / sxx);
        double p;
        if (se == 0) {
            p = slope == 0 ? 1 : 0;
        } else {
            double t = Math.abs(slope / se);
            p = 2 * new TDistribution(null, n - 2).cumulativeProbability(-t);
        }
        return new Trend(granularity, points, slope, se, intercept, p);
    }

    /** Calls {@code action} with every response of {@code kind} in the slice, one storage page at a time. */
    public void forEach(SurveyKind kind, SurveySlice slice, Consumer<SurveyResponse> action) {
        scan(kind, slice, action);
    }

    private void scan(SurveyKind kind, SurveySlice slice, Consumer<SurveyResponse> action) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(slice, "slice");
        SurveyQuery query = slice.query().kind(kind);
        Predicate<SurveyResponse> keep = r -> true;
        if (slice.customers().isPresent()) {
            Set<CustomerId> segment = slice.customers().get();
            if (segment.size() == 1) {
                query = query.customer(segment.iterator().next());
            }
            keep = keep.and(r -> segment.contains(r.customerId()));
        }
        if (slice.department().isPresent()) {
            Set<CustomerId> members = new HashSet<>();
            CustomerQuery byDepartment = CustomerQuery.all().department(slice.department().get()).includeArchived(true);
            Pages.forEach(page -> crm.customers().search(byDepartment, page), c -> members.add(c.id()));
            keep = keep.and(r -> members.contains(r.customerId()));
        }
        if (slice.filter().isPresent()) {
            keep = keep.and(slice.filter().get());
        }
        SurveyQuery q = query;
        Predicate<SurveyResponse> k = keep;
        Pages.forEach(page -> crm.surveys().search(q, page), r -> {
            if (k.test(r)) {
                action.accept(r);
            }
        });
    }
}
