package io.crmkit.core.internal.dedup;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain;
import io.crmkit.core.customer.AttributeValue;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerEvent;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerReferences;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.dedup.Merge;
import io.crmkit.core.dedup.MergeEvent;
import io.crmkit.core.dedup.MergeId;
import io.crmkit.core.dedup.MergedCustomer;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.internal.customer.CustomerChanges;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** One merge or unmerge, inside its transaction. */
final class Merging {
    private final Engine.Tx tx;
    private final Guard guard;
    private final UserRef actor;
    private final Clock clock;

    Merging(Engine.Tx tx, Guard guard, UserRef actor, Clock clock) {
        this.tx = tx;
        this.clock = clock;
        this.guard = guard;
        this.actor = actor;
    }

    Merge merge(Customer winnerAsRead, List<Customer> losersAsRead, String reason) {
        Customer winner = current(winnerAsRead);
        if (winner.isArchived()) {
            throw ValidationException.of("winner", "archived", "customer " + winner.id()
                    + " is archived; the customer that remains must be active");
        }
        List<Customer> losers = new ArrayList<>();
        for (int i = 0; i < losersAsRead.size(); i++) {
            Customer loser = current(losersAsRead.get(i));
            if (mergedAway(loser.id())) {
                throw ValidationException.of("losers[" + i + "]", "already_merged", "customer " + loser.id()
                        + " was merged into another one already");
            }
            losers.add(loser);
        }
        Gains gains = new Gains(winner);
        List<MergedCustomer> merged = new ArrayList<>();
        List<Customer[]> loserChanges = new ArrayList<>();
        for (Customer loser : losers) {
            Map<RecordKind, List<UUID>> moved = new EnumMap<>(RecordKind.class);
            references().forEach((kind, refs) -> moved.put(kind, refs.reassignCustomer(loser.id(), winner.id())));
            List<String> emails = gains.emails(loser);
            List<String> phones = gains.phones(loser);
            List<String> tags = gains.tags(loser);
            List<String> attributes = gains.attributes(loser);
            List<ExternalRef> refs = gains.refs(loser);
            List<ExternalRef> kept = new ArrayList<>(loser.externalRefs());
            kept.removeAll(refs);
            Customer after = loser.toBuilder().externalRefs(kept)
                    .archivedAt(loser.archivedAt().orElse(tx.now())).updatedAt(tx.now())
                    .version(loser.version() + 1).build();
            tx.repos().customers().update(after); // first, so that its references are free for the winner
            loserChanges.add(new Customer[] {loser, after});
            merged.add(new MergedCustomer(loser.id(), after.version(), loser.archivedAt(), moved, emails, phones, tags,
                    attributes, refs));
        }
        Customer winnerAfter = gains.applied().updatedAt(tx.now()).version(winner.version() + 1).build();
        tx.repos().customers().update(winnerAfter);
        Merge merge = new Merge(new MergeId(Ids.uuid7(clock)), winner.id(), winnerAfter.version(), merged, reason,
                actor, tx.now(), Optional.empty(), Optional.empty(), Optional.empty());
        tx.repos().merges().insert(merge);
        audit(AuditAction.MERGE, winner, winnerAfter, "merge", "merge " + merge.id() + " of "
                + merge.loserIds().stream().map(CustomerId::toString).collect(Collectors.joining(", ")) + ": " + reason);
        for (Customer[] change : loserChanges) {
            audit(AuditAction.MERGE, change[0], change[1], "mergedInto", winner.id() + " (merge " + merge.id() + ")");
        }
        tx.raise(new MergeEvent.Merged(merge.id(), winner.id(), merge.loserIds(), tx.now(), actor));
        tx.raise(new CustomerEvent.Updated(winner.id(), winnerAfter.version(), tx.now(), actor));
        for (Customer[] change : loserChanges) {
            if (!change[0].isArchived()) { // a listener that follows customers learns that the loser is archived
                tx.raise(new CustomerEvent.Archived(change[0].id(), tx.now(), actor));
            }
        }
        return merge;
    }

    Merge unmerge(MergeId id, String reason) {
        Merge merge = tx.repos().merges().findById(id).orElseThrow(() -> new NotFoundException("no merge " + id));
        Customer winner = guard.require(tx.repos(), merge.winner(), RecordKind.CUSTOMER, Action.EDIT);
        if (merge.isUndone()) {
            throw new ConflictException("merge " + id + " was undone already");
        }
        List<Customer> losers = new ArrayList<>();
        for (MergedCustomer m : merge.losers()) {
            Customer loser = guard.require(tx.repos(), m.customerId(), RecordKind.CUSTOMER, Action.EDIT);
            if (loser.version() != m.versionAfter()) {
                throw new ConflictException("customer " + loser.id() + " changed since merge " + id + " (version "
                        + loser.version() + ", the merge left " + m.versionAfter() + "); it cannot be unmerged");
            }
            losers.add(loser);
        }
        Map<RecordKind, CustomerReferences> references = references();
        for (MergedCustomer m : merge.losers()) {
            m.moved().forEach((kind, ids) -> {
                CustomerReferences refs = references.get(kind);
                int back = refs == null ? 0 : refs.reassignCustomer(ids, winner.id(), m.customerId()).size();
                if (back != ids.size()) {
                    throw new ConflictException(ids.size() - back + " of the " + kind + " records merge " + id
                            + " moved no longer belong to customer " + winner.id()
                            + " (a later merge took them?); undo that first");
                }
            });
        }
        Customer winnerAfter = withoutGains(winner, merge.losers()).updatedAt(tx.now())
                .version(winner.version() + 1).build();
        tx.repos().customers().update(winnerAfter); // first, so that the references are free for the losers
        audit(AuditAction.UNMERGE, winner, winnerAfter, "merge", "undone: merge " + id + ": " + reason);
        for (int i = 0; i < losers.size(); i++) {
            Customer loser = losers.get(i);
            MergedCustomer m = merge.losers().get(i);
            List<ExternalRef> refs = new ArrayList<>(loser.externalRefs());
            refs.addAll(m.externalRefs());
            Customer after = loser.toBuilder().externalRefs(refs).archivedAt(m.archivedBefore().orElse(null))
                    .updatedAt(tx.now()).version(loser.version() + 1).build();
            tx.repos().customers().update(after);
            audit(AuditAction.UNMERGE, loser, after, "mergedInto", "undone: merge " + id + ": " + reason);
            tx.raise(new CustomerEvent.Updated(loser.id(), after.version(), tx.now(), actor));
        }
        Merge undone = merge.undone(tx.now(), actor, reason);
        tx.repos().merges().markUndone(undone);
        tx.raise(new MergeEvent.Unmerged(id, winner.id(), merge.loserIds(), tx.now(), actor));
        tx.raise(new CustomerEvent.Updated(winner.id(), winnerAfter.version(), tx.now(), actor));
        return undone;
    }

    /** The stored customer, if the actor may edit it and nobody changed it since the caller read it. */
    private Customer current(Customer asRead) {
        Customer stored = guard.require(tx.repos(), asRead.id(), RecordKind.CUSTOMER, Action.EDIT);
        if (stored.version() != asRead.version()) {
            throw new ConflictException("customer " + asRead.id() + " was changed by someone else (version "
                    + stored.version() + ", read at " + asRead.version() + "); reload and retry the merge");
        }
        return stored;
    }

    /** Whether the customer is a loser of a merge that was not undone. */
    private boolean mergedAway(CustomerId id) {
        PageRequest page = PageRequest.first(100);
        while (true) {
            var merges = tx.repos().merges().byCustomer(id, page);
            if (merges.items().stream().anyMatch(m -> !m.isUndone() && m.loserIds().contains(id))) {
                return true;
            }
            if (merges.nextCursor().isEmpty()) {
                return false;
            }
            page = PageRequest.after(merges.nextCursor().get(), 100);
        }
    }

    private Map<RecordKind, CustomerReferences> references() {
        return tx.repos().customerReferences();
    }

    private void audit(AuditAction action, Customer before, Customer after, String field, String note) {
        tx.audit(actor, RecordKind.CUSTOMER, after.id().value(), action, () -> {
            List<AuditChain.Change> changes = new ArrayList<>(CustomerChanges.between(before, after));
            changes.add(new AuditChain.Change(field, Optional.empty(), Optional.of(note)));
            return changes;
        });
    }

    /** The winner without what the merges' losers gave it (what it still holds of it). */
    private static Customer.Builder withoutGains(Customer winner, List<MergedCustomer> losers) {
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        Set<String> tags = new HashSet<>();
        Set<String> attributes = new HashSet<>();
        Set<ExternalRef> refs = new HashSet<>();
        for (MergedCustomer m : losers) {
            m.emails().forEach(e -> emails.add(e.toLowerCase(Locale.ROOT)));
            phones.addAll(m.phones());
            tags.addAll(m.tags());
            attributes.addAll(m.attributes());
            refs.addAll(m.externalRefs());
        }
        Map<String, AttributeValue> keptAttributes = new LinkedHashMap<>(winner.attributes());
        keptAttributes.keySet().removeAll(attributes);
        Set<String> keptTags = new LinkedHashSet<>(winner.tags());
        keptTags.removeAll(tags);
        return winner.toBuilder()
                .emails(winner.emails().stream().filter(e -> !emails.contains(e.value().toLowerCase(Locale.ROOT))).toList())
                .phones(winner.phones().stream().filter(p -> !phones.contains(p.value())).toList())
                .tags(keptTags)
                .attributes(keptAttributes)
                .externalRefs(winner.externalRefs().stream().filter(r -> !refs.contains(r)).toList());
    }

    /** What the winner gains from each loser, within the customer's limits, in the order of the losers. */
    private static final class Gains {
        private final List<EmailAddress> emails;
        private final List<PhoneNumber> phones;
        private final Set<String> tags;
        private final Map<String, AttributeValue> attributes;
        private final List<ExternalRef> refs;
        private final Customer.Builder builder;

        Gains(Customer winner) {
            this.builder = winner.toBuilder();
            this.emails = new ArrayList<>(winner.emails());
            this.phones = new ArrayList<>(winner.phones());
            this.tags = new LinkedHashSet<>(winner.tags());
            this.attributes = new LinkedHashMap<>(winner.attributes());
            this.refs = new ArrayList<>(winner.externalRefs());
        }

        List<String> emails(Customer loser) {
            List<String> gained = new ArrayList<>();
            for (EmailAddress e : loser.emails()) {
                boolean held = emails.stream().anyMatch(w -> w.value().equalsIgnoreCase(e.value()));
                if (!held && emails.size() < Customer.MAX_CONTACT_POINTS) {
                    emails.add(e);
                    gained.add(e.value());
                }
            }
            return gained;
        }

        List<String> phones(Customer loser) {
            List<String> gained = new ArrayList<>();
            for (PhoneNumber p : loser.phones()) {
                if (!phones.contains(p) && phones.size() < Customer.MAX_CONTACT_POINTS) {
                    phones.add(p);
                    gained.add(p.value());
                }
            }
            return gained;
        }

        List<String> tags(Customer loser) {
            List<String> gained = new ArrayList<>();
            for (String t : loser.tags()) {
                if (tags.size() < Customer.MAX_TAGS && tags.add(t)) {
                    gained.add(t);
                }
            }
            return gained;
        }

        List<String> attributes(Customer loser) {
            List<String> gained = new ArrayList<>();
            loser.attributes().forEach((name, value) -> {
                if (!attributes.containsKey(name) && attributes.size() < Customer.MAX_ATTRIBUTES) {
                    attributes.put(name, value);
                    gained.add(name);
                }
            });
            return gained;
        }

        /** The loser's references, as many as fit: a reference belongs to one customer, so they move. */
        List<ExternalRef> refs(Customer loser) {
            List<ExternalRef> gained = new ArrayList<>();
            for (ExternalRef r : loser.externalRefs()) {
                if (!refs.contains(r) && refs.size() < Customer.MAX_CONTACT_POINTS) {
                    refs.add(r);
                    gained.add(r);
                }
            }
            return gained;
        }

        Customer.Builder applied() {
            return builder.emails(emails).phones(phones).tags(tags).attributes(attributes).externalRefs(refs);
        }
    }
}
