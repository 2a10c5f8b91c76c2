package io.crmkit.core.service;

import io.crmkit.core.Checks;
import io.crmkit.core.security.DepartmentRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a {@code Crm} keeps service levels: the {@linkplain SlaPolicy policies} in order (the first that matches a
 * case applies), the statuses that pause every clock, and the SLA monitor that marks warnings and breaches.
 * Immutable and thread-safe; pass it to {@code Crm.builder().service(settings)}. Without it no case has a policy.
 *
 * <pre>{@code
 * ServiceSettings service = ServiceSettings.builder()
 *         .policy(urgent).policy(standard)
 *         .backgroundMonitor(Duration.ofMinutes(1))
 *         .build();
 * }</pre>
 *
 * <p>The monitor runs when the host calls {@code crm.cases().checkSla()} and, if
 * {@link Builder#backgroundMonitor(Duration)} is set, on one background thread owned by the CRM; off by default,
 * like the messaging dispatcher. Several CRMs on one database may run it together: each warning and breach is
 * marked by a conditional update, so it fires once. A mark is a change of the case (its version moves, recorded in
 * the audit trail as the system's), so an edit begun before it conflicts like any concurrent change.
 */
public final class ServiceSettings {
    /** The statuses that pause the clocks unless set: waiting for the customer, and parked. */
    public static final Set<ServiceCaseStatus> DEFAULT_PAUSES = Set.of(ServiceCaseStatus.PENDING_CUSTOMER, ServiceCaseStatus.ON_HOLD);
    /** No policies, the default pauses, no background monitor. */
    public static final ServiceSettings DEFAULT = builder().build();

    private final List<SlaPolicy> policies;
    private final Set<ServiceCaseStatus> pauseStatuses;
    private final @Nullable Duration monitorInterval;
    private final int batchSize;
    private final Map<DepartmentRef, RoutingStrategy> routes;
    private final @Nullable TeamDirectory directory;

    private ServiceSettings(Builder b) {
        this.policies = List.copyOf(b.policies);
        this.pauseStatuses = Set.copyOf(b.pauseStatuses);
        this.monitorInterval = b.monitorInterval;
        this.batchSize = b.batchSize;
        this.routes = Map.copyOf(b.routes);
        this.directory = b.directory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The policies in the order they are tried. */
    public List<SlaPolicy> policies() {
        return policies;
    }

    /** The first policy that matches the case (whose customer has {@code customerTags}), if any. */
    public Optional<SlaPolicy> policyFor(ServiceCase serviceCase, Set<String> customerTags) {
        return policies.stream().filter(p -> p.matches(serviceCase, customerTags)).findFirst();
    }

    /** The policy of this name, if any. */
    public Optional<SlaPolicy> policy(String name) {
        Objects.requireNonNull(name, "name");
        return policies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Whether some policy matches by customer tags, so the case's customer must be read to choose. */
    public boolean matchesByTags() {
        return policies.stream().anyMatch(p -> !p.customerTags().isEmpty());
    }

    /** The open statuses in which no clock counts. */
    public Set<ServiceCaseStatus> pauseStatuses() {
        return pauseStatuses;
    }

    /** How often the background monitor looks for warnings and breaches; empty: only {@code checkSla()} does. */
    public Optional<Duration> monitorInterval() {
        return Optional.ofNullable(monitorInterval);
    }

    /** Cases the monitor handles per transaction batch. */
    /** The departments whose cases are given to a member, and how. */
    public Map<DepartmentRef, RoutingStrategy> routes() {
        return routes;
    }

    /** The host's teams, asked by the routes; empty when no route is set. */
    public Optional<TeamDirectory> directory() {
        return Optional.ofNullable(directory);
    }

    public int batchSize() {
        return batchSize;
    }

    @Override
    public String toString() {
        return "ServiceSettings[policies=" + policies.stream().map(SlaPolicy::name).toList() + ", pauses=" + pauseStatuses
                + ", monitor=" + monitorInterval + "]";
    }

    /**
     * Builds {@link ServiceSettings}. Setters reject null at once; {@link #build()} reports every other bad setting
     * in one {@link io.crmkit.core.ValidationException}. Not thread-safe.
     */
    public static final class Builder {
        private final List<SlaPolicy> policies = new ArrayList<>();
        private Set<ServiceCaseStatus> pauseStatuses = EnumSet.copyOf(DEFAULT_PAUSES);
        private @Nullable Duration monitorInterval;
        private int batchSize = 100;
        private final Map<DepartmentRef, RoutingStrategy> routes = new LinkedHashMap<>();
        private @Nullable TeamDirectory directory;

        private Builder() {
        }

        /**
         * Gives each case handed to {@code department} alone (created with, or assigned to,
         * {@code Assignee.department(department)}) to one of its available members by {@code strategy}, asked of the
         * {@link #directory}; with none available, the case stays with the department. A case given to a user is
         * never routed.
         */
        public Builder route(DepartmentRef department, RoutingStrategy strategy) {
            routes.put(Objects.requireNonNull(department, "department"), Objects.requireNonNull(strategy, "strategy"));
            return this;
        }

        /** The host's teams, for the routes. Required when a route is set. */
        public Builder directory(TeamDirectory directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Adds a policy after those added before: earlier ones win. */
        public Builder policy(SlaPolicy policy) {
            policies.add(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /** The open statuses in which no clock counts (none: clocks never pause). Default {@link #DEFAULT_PAUSES}. */
        public Builder pauseStatuses(Set<ServiceCaseStatus> statuses) {
            Objects.requireNonNull(statuses, "statuses");
            EnumSet<ServiceCaseStatus> set = EnumSet.noneOf(ServiceCaseStatus.class);
            for (ServiceCaseStatus s : statuses) {
                set.add(Objects.requireNonNull(s, "statuses"));
            }
            this.pauseStatuses = set;
            return this;
        }

        /** Runs the monitor on a background thread owned by the CRM, every {@code interval}. Default: off. */
        public Builder backgroundMonitor(Duration interval) {
            this.monitorInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** Cases the monitor handles per batch. Default 100. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every bad setting */
        public ServiceSettings build() {
            Checks checks = new Checks();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < policies.size(); i++) {
                String name = policies.get(i).name();
                checks.require(names.add(name), "policies[" + i + "]", "duplicate", "another policy is named " + name);
            }
            for (ServiceCaseStatus s : pauseStatuses) {
                checks.require(s.isOpen(), "pauseStatuses", "not_open",
                        s + " is no open status: clocks stop there anyway");
            }
            if (monitorInterval != null) {
                checks.positive("backgroundMonitor", monitorInterval);
            }
            checks.require(batchSize >= 1, "batchSize", "range", "must be at least 1 but was " + batchSize);
            checks.require(routes.isEmpty() || directory != null, "directory", "required",
                    "routes need a TeamDirectory to ask who belongs to a department");
            checks.throwIfAny();
            return new ServiceSettings(this);
        }
    }
}
