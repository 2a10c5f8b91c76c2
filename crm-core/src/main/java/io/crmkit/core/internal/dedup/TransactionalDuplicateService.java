package io.crmkit.core.internal.dedup;

import io.crmkit.core.Checks;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.dedup.DuplicateCandidate;
import io.crmkit.core.dedup.DuplicateQuery;
import io.crmkit.core.dedup.DuplicateService;
import io.crmkit.core.dedup.Merge;
import io.crmkit.core.dedup.MergeId;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code crm.duplicates()}: detection over the customers the actor may read, and merges and unmerges in one unit of
 * work each, through {@link Merging}. Thread-safe.
 */
public final class TransactionalDuplicateService implements DuplicateService {
    /** Best first; ties in id order, so that the same data gives the same list. */
    private static final Comparator<DuplicateCandidate> BEST_FIRST = Comparator
            .comparingDouble(DuplicateCandidate::score).reversed()
            .thenComparing(c -> c.first().value())
            .thenComparing(c -> c.second().value());

    private final Engine engine;
    private final Actor actor;
    private final Guard guard;

    public TransactionalDuplicateService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
    }

    @Override
    public List<DuplicateCandidate> find(DuplicateQuery query) {
        Objects.requireNonNull(query, "query");
        PriorityQueue<DuplicateCandidate> best = new PriorityQueue<>(BEST_FIRST.reversed());
        scan(query, c -> {
            best.add(c);
            if (best.size() > query.limit()) {
                best.poll();
            }
        });
        List<DuplicateCandidate> list = new ArrayList<>(best);
        list.sort(BEST_FIRST);
        return List.copyOf(list);
    }

    @Override
    public long scan(DuplicateQuery query, Consumer<? super DuplicateCandidate> sink) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(sink, "sink");
        AccessScope scope = guard.scope(RecordKind.CUSTOMER, Action.READ);
        if (scope.isNothing()) {
            return 0;
        }
        DuplicateMatcher matcher = new DuplicateMatcher(engine.component(DuplicateConfig.class).nameMatcher());
        CustomerQuery customers = CustomerQuery.all().includeArchived(query.includeArchived());
        engine.read(repos -> {
            // Masked, so that a hidden email or phone cannot be learnt from a candidate's reasons.
            repos.customers().forEach(customers, scope, c -> matcher.add(guard.mask(c)));
            return matcher.size();
        });
        return matcher.run(query, sink);
    }

    @Override
    public Merge merge(Customer winner, List<Customer> losers, String reason) {
        Objects.requireNonNull(winner, "winner");
        Objects.requireNonNull(losers, "losers");
        Checks checks = new Checks();
        String why = checks.required("reason", reason, Merge.MAX_REASON);
        checks.require(!losers.isEmpty(), "losers", "required", "name at least one customer to merge");
        checks.require(losers.size() <= Merge.MAX_LOSERS, "losers", "too_many", "at most " + Merge.MAX_LOSERS);
        Set<CustomerId> seen = new HashSet<>();
        for (int i = 0; i < losers.size(); i++) {
            Customer loser = Objects.requireNonNull(losers.get(i), "losers[" + i + "]");
            checks.require(!loser.id().equals(winner.id()), "losers[" + i + "]", "is_winner",
                    "the winner cannot be merged into itself: " + loser.id());
            checks.require(seen.add(loser.id()), "losers[" + i + "]", "duplicate", "named twice: " + loser.id());
        }
        checks.throwIfAny();
        Objects.requireNonNull(why, "reason"); // null only with a violation
        return engine.write(tx -> new Merging(tx, guard, actor.user(), engine.clock()).merge(winner, losers, why));
    }

    @Override
    public Merge unmerge(MergeId merge, String reason) {
        Objects.requireNonNull(merge, "merge");
        String why = Checks.requireText("reason", reason, Merge.MAX_REASON);
        return engine.write(tx -> new Merging(tx, guard, actor.user(), engine.clock()).unmerge(merge, why));
    }

    @Override
    public Optional<Merge> getMerge(MergeId merge) {
        Objects.requireNonNull(merge, "merge");
        return engine.read(repos -> repos.merges().findById(merge)
                .filter(m -> guard.readable(repos, m.winner(), RecordKind.CUSTOMER).isPresent()));
    }

    @Override
    public Page<Merge> merges(CustomerId customer, PageRequest page) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(page, "page");
        return engine.read(repos -> guard.readable(repos, customer, RecordKind.CUSTOMER).isEmpty()
                ? Page.<Merge>last(List.of()) : repos.merges().byCustomer(customer, page));
    }
}
