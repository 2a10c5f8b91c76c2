package io.crmkit.core.marketing;

import io.crmkit.core.customer.CustomerQuery;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A saved selection of customers for {@link CampaignService#addMembers(CampaignId, Segment)}: a customer query (name,
 * one tag, lifecycle stage, owner, department, ...), more tags the customer must all hold, consent to the campaign's
 * channel, and when the customer last bought. It is evaluated page by page in the storage (archived customers are
 * left out as in every customer search), never as one list of all customers. Immutable:
 * {@code Segment.of(CustomerQuery.all().stage(LifecycleStage.CUSTOMER)).tags("vip").optedIn().lastPurchaseBefore(cutoff)}.
 *
 * @param customers          the customer search it starts from
 * @param tags               tags the customer must all hold (lower case), beyond {@code customers.tag()}
 * @param optedInOnly        only customers who opted in to the campaign's channel
 * @param lastPurchaseAfter  only customers whose last purchase is at or after this instant (bought since)
 * @param lastPurchaseBefore only customers whose last purchase is before this instant (lapsed); customers who never
 *                           bought match neither purchase criterion
 */
public record Segment(CustomerQuery customers, Set<String> tags, boolean optedInOnly, Optional<Instant> lastPurchaseAfter,
                      Optional<Instant> lastPurchaseBefore) {
    /** Most tags in one segment. */
    public static final int MAX_TAGS = 20;

    public Segment {
        Objects.requireNonNull(customers, "customers");
        tags = tags.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(lastPurchaseAfter, "lastPurchaseAfter");
        Objects.requireNonNull(lastPurchaseBefore, "lastPurchaseBefore");
        if (tags.size() > MAX_TAGS) {
            throw io.crmkit.core.ValidationException.of("tags", "too_many", "must be at most " + MAX_TAGS + " tags");
        }
    }

    /** The customers the query finds. */
    public static Segment of(CustomerQuery customers) {
        return new Segment(customers, Set.of(), false, Optional.empty(), Optional.empty());
    }

    /** Who also hold all these tags. */
    public Segment tags(String... all) {
        return new Segment(customers, new java.util.HashSet<>(java.util.Arrays.asList(all)), optedInOnly, lastPurchaseAfter, lastPurchaseBefore);
    }

    /** Who opted in to the campaign's channel. */
    public Segment optedIn() {
        return new Segment(customers, tags, true, lastPurchaseAfter, lastPurchaseBefore);
    }

    /** Whose last purchase is at or after {@code at}. */
    public Segment lastPurchaseAfter(Instant at) {
        return new Segment(customers, tags, optedInOnly, Optional.of(at), lastPurchaseBefore);
    }

    /** Whose last purchase is before {@code at}. */
    public Segment lastPurchaseBefore(Instant at) {
        return new Segment(customers, tags, optedInOnly, lastPurchaseAfter, Optional.of(at));
    }

    /** Whether a criterion needs the customers' last purchases. */
    public boolean needsPurchases() {
        return lastPurchaseAfter.isPresent() || lastPurchaseBefore.isPresent();
    }

    /** Whether a last purchase at {@code last} (empty: never bought) meets the purchase criteria. */
    public boolean purchaseMatches(Optional<Instant> last) {
        if (!needsPurchases()) {
            return true;
        }
        return last.isPresent() && lastPurchaseAfter.map(a -> !last.get().isBefore(a)).orElse(true)
                && lastPurchaseBefore.map(b -> last.get().isBefore(b)).orElse(true);
    }
}
