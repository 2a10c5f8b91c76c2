package io.crmkit.core.internal.service;

import io.crmkit.core.internal.Engine;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.RoutingStrategy;
import io.crmkit.core.service.ServiceCaseQuery;
import io.crmkit.core.service.ServiceSettings;
import io.crmkit.core.service.TeamDirectory;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.task.Assignee;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives a case handed to a routed department to one of its available members ({@link ServiceSettings#routes()}).
 * Round robin keeps one rotation per department in this CRM; least busy counts each member's open cases in the
 * unit of work that assigns.
 */
public final class CaseRouter implements Engine.Component {
    private final Map<DepartmentRef, RoutingStrategy> routes;
    private final Optional<TeamDirectory> directory;
    private final Map<DepartmentRef, AtomicLong> turns = new ConcurrentHashMap<>();

    private CaseRouter(ServiceSettings settings) {
        this.routes = settings.routes();
        this.directory = settings.directory();
    }

    public static CaseRouter install(Engine engine, ServiceSettings settings) {
        return engine.register(CaseRouter.class, new CaseRouter(settings));
    }

    /** {@code assignee}, or a member of its department when it names a routed department and no user. */
    Assignee route(Repositories repos, Assignee assignee, Instant now) {
        if (assignee.user().isPresent() || assignee.department().isEmpty() || directory.isEmpty()) {
            return assignee;
        }
        DepartmentRef department = assignee.department().get();
        RoutingStrategy strategy = routes.get(department);
        if (strategy == null) {
            return assignee;
        }
        TeamDirectory teams = directory.get();
        List<UserRef> available = teams.members(department).stream().filter(u -> teams.isAvailable(u, now)).toList();
        if (available.isEmpty()) {
            return assignee;
        }
        UserRef chosen = switch (strategy) {
            case ROUND_ROBIN -> available.get((int) Math.floorMod(
                    turns.computeIfAbsent(department, d -> new AtomicLong()).getAndIncrement(), (long) available.size()));
            case LEAST_BUSY -> leastBusy(repos, available);
        };
        return Assignee.userInDepartment(chosen, department);
    }

    private static UserRef leastBusy(Repositories repos, List<UserRef> members) {
        UserRef best = members.get(0);
        long fewest = Long.MAX_VALUE;
        for (UserRef u : members) {
            long open = openCases(repos, u);
            if (open < fewest) {
                fewest = open;
                best = u;
            }
        }
        return best;
    }

    /** The open cases of {@code user}, counted by the storage. */
    private static long openCases(Repositories repos, UserRef user) {
        return repos.serviceCases().count(ServiceCaseQuery.all().assigneeUser(user).openOnly(), AccessScope.everything());
    }

    @Override
    public void close() {
    }
}
