package io.crmkit.analytics.satisfaction;

import io.crmkit.core.Crm;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.satisfaction.SurveyQuery;
import io.crmkit.core.satisfaction.SurveyRepository;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.satisfaction.SurveyResponseId;
import io.crmkit.core.security.AccessScope;
import io.crmkit.testkit.ForwardingStorage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A CRM whose survey service generates {@code total} NPS responses page by page, never holding more than
 * a page: the scores come from {@link #score(long)}. Run as a program in a JVM with a 64 MB heap by
 * {@code BoundedMemoryTest}.
 */
public final class TenMillionResponses {
    private final long total;

    private TenMillionResponses(long total) {
        this.total = total;
    }

    /** A CRM whose survey responses are made up page by page as they are read, none of them kept. */
    public static Crm crm(long total) {
        SurveyRepository surveys = new TenMillionResponses(total).surveys();
        return Crm.builder().storage(ForwardingStorage.wrapping(InMemoryStorage.create(), repos -> new ForwardingStorage.Repos(repos) {
            @Override
            public SurveyRepository surveys() {
                return surveys;
            }
        })).build();
    }

    /** The i-th response's score: deterministic, uneven over 0-10. */
    public static int score(long i) {
        long h = i * 0x9E3779B97F4A7C15L;
        return (int) ((h >>> 40) % 11 + (h >>> 60) % 3) % 11;
    }

    public static Instant time(long i) {
        return Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i * 3);
    }

    public static void main(String[] args) {
        long n = Long.parseLong(args[0]);
        SatisfactionAnalytics sat = SatisfactionAnalytics.of(crm(n));
        // One pass: a monthly trend; the whole distribution is the sum of the months'.
        Trend t = sat.trend(SurveyKind.NPS, SurveySlice.all(), Granularity.MONTH, ZoneOffset.UTC);
        ScoreDistribution d = ScoreCounter.of(SurveyKind.NPS).snapshot();
        for (TrendPoint p : t.points()) {
            d = d.plus(p.distribution());
        }
        StringBuilder counts = new StringBuilder();
        for (int s = 0; s <= 10; s++) {
            counts.append(s == 0 ? "" : ",").append(d.count(s));
        }
        Runtime rt = Runtime.getRuntime();
        System.out.println("counts=" + counts + " median=" + d.median() + " months=" + t.points().size()
                + " maxHeap=" + rt.maxMemory());
    }

    private SurveyRepository surveys() {
        return new SurveyRepository() {
            private final CustomerId customer = new CustomerId(new UUID(1, 1));

            @Override
            public void insert(SurveyResponse response) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<SurveyResponse> findById(SurveyResponseId id) {
                return Optional.empty();
            }

            @Override
            public List<UUID> reassignCustomer(CustomerId from, CustomerId to) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<UUID> reassignCustomer(java.util.Collection<UUID> ids, CustomerId from, CustomerId to) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Page<SurveyResponse> search(SurveyQuery query, AccessScope scope, PageRequest page) {
                // read as the system actor: the scope admits every generated response
                long from = page.cursor().map(Long::parseLong).orElse(0L);
                long to = Math.min(total, from + page.limit());
                List<SurveyResponse> items = new ArrayList<>(page.limit());
                for (long i = from; i < to; i++) {
                    SurveyResponse r = new SurveyResponse(new SurveyResponseId(new UUID(2, i)), customer, SurveyKind.NPS,
                            score(i), Optional.empty(), Optional.empty(), Optional.empty(), time(i));
                    if (query.matches(r)) {
                        items.add(r);
                    }
                }
                return new Page<>(items, to < total ? Optional.of(Long.toString(to)) : Optional.empty());
            }
        };
    }
}
