package io.crmkit.core.internal.service;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseQuery;
import io.crmkit.core.service.ServiceCaseStatus;
import io.crmkit.core.service.ServiceStats;
import io.crmkit.core.service.SlaClock;
import io.crmkit.core.service.SlaMetric;
import io.crmkit.core.service.SlaPolicy;
import io.crmkit.core.service.SlaState;
import io.crmkit.core.spi.Repositories;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes {@link ServiceStats} page by page over the cases of a period: no list of cases is held, only one long
 * per measured duration (eight bytes per case and figure), which exact medians and percentiles need.
 */
final class ServiceStatsCollector {
    private static final int PAGE = 500;
    /** Measures working times of a case without a policy: its targets do not matter, only the elapsed time. */
    private static final SlaPolicy UNMEASURED = SlaPolicy.builder("(none)")
            .target(SlaMetric.FIRST_RESPONSE, Duration.ofDays(1)).target(SlaMetric.RESOLUTION, Duration.ofDays(1)).build();

    private final SlaMonitor sla;
    private final Instant from;
    private final Instant to;
    private final Group all = new Group();
    private final Map<DepartmentRef, Group> byDepartment = new HashMap<>();
    private final Map<String, SlaPolicy> measuring = new HashMap<>();

    ServiceStatsCollector(SlaMonitor sla, Instant from, Instant to) {
        this.sla = sla;
        this.from = from;
        this.to = to;
    }

    ServiceStats collect(Engine engine, AccessScope scope, Instant now) {
        if (!scope.isNothing()) {
            engine.read(repos -> {
                ServiceCaseQuery query = ServiceCaseQuery.all().createdBetween(from, to);
                PageRequest request = PageRequest.first(PAGE);
                while (true) {
                    Page<ServiceCase> page = repos.serviceCases().search(query, scope, request);
                    page.items().forEach(c -> add(repos, c, now));
                    Optional<String> next = page.nextCursor();
                    if (next.isEmpty()) {
                        return null;
                    }
                    request = PageRequest.after(next.get(), PAGE);
                }
            });
        }
        Map<DepartmentRef, ServiceStats.Figures> departments = new HashMap<>();
        byDepartment.forEach((d, g) -> departments.put(d, g.figures()));
        return new ServiceStats(from, to, all.figures(), departments);
    }

    /** A policy measuring both times on the calendar of {@code policy}. */
    private SlaPolicy measuring(SlaPolicy policy) {
        return measuring.computeIfAbsent(policy.name(), n -> {
            SlaPolicy.Builder b = SlaPolicy.builder("(measure)").target(SlaMetric.FIRST_RESPONSE, Duration.ofDays(1))
                    .target(SlaMetric.RESOLUTION, Duration.ofDays(1));
            policy.calendar().ifPresent(b::calendar);
            return b.build();
        });
    }

    private void add(Repositories repos, ServiceCase c, Instant now) {
        Optional<SlaPolicy> policy = sla.policyFor(repos, c);
        List<SlaClock> clocks = policy.map(p -> sla.measure(c, p, now)).orElse(List.of());
        List<SlaClock> measured = sla.measure(c, policy.map(this::measuring).orElse(UNMEASURED), now);
        Group department = c.assignee().flatMap(a -> a.department()).map(d -> byDepartment.computeIfAbsent(d, k -> new Group()))
                .orElse(null);
        for (Group g : department == null ? List.of(all) : List.of(all, department)) {
            g.cases++;
            for (SlaClock clock : measured) {
                if (clock.metric() == SlaMetric.FIRST_RESPONSE && c.responses().firstResponseAt().isPresent()
                        && clock.stoppedAt().isPresent()) {
                    g.firstResponse.add(clock.elapsed());
                }
                if (clock.metric() == SlaMetric.RESOLUTION && (c.status() == ServiceCaseStatus.RESOLVED
                        || c.status() == ServiceCaseStatus.CLOSED)) {
                    g.resolution.add(clock.elapsed());
                }
            }
            for (SlaClock clock : clocks) {
                if (clock.state() == SlaState.MET) {
                    g.met++;
                } else if (clock.state() == SlaState.BREACHED) {
                    g.breached++;
                }
            }
        }
    }

    private static final class Group {
        long cases;
        long met;
        long breached;
        final Values firstResponse = new Values();
        final Values resolution = new Values();

        ServiceStats.Figures figures() {
            return new ServiceStats.Figures(cases, firstResponse.stats(), resolution.stats(), met, breached);
        }
    }

    /** Durations in nanoseconds, in a growing primitive array. */
    private static final class Values {
        private long[] nanos = new long[16];
        private int size;

        void add(Duration d) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = d.toNanos();
        }

        ServiceStats.DurationStats stats() {
            if (size == 0) {
                return ServiceStats.DurationStats.NONE;
            }
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            BigInteger sum = BigInteger.ZERO;
            for (long n : sorted) {
                sum = sum.add(BigInteger.valueOf(n));
            }
            long mean = sum.divide(BigInteger.valueOf(size)).longValueExact();
            long median = size % 2 == 1 ? sorted[size / 2]
                    : BigInteger.valueOf(sorted[size / 2 - 1]).add(BigInteger.valueOf(sorted[size / 2]))
                            .divide(BigInteger.TWO).longValueExact();
            int rank = (int) Math.ceil(0.9 * size); // nearest rank, 1-based
            return new ServiceStats.DurationStats(size, Duration.ofNanos(mean), Duration.ofNanos(median),
                    Duration.ofNanos(sorted[Math.max(rank, 1) - 1]));
        }
    }
}
