package io.crmkit.core.internal.customer;

import io.crmkit.core.ValidationException.Violation;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.customer.Consent;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerEvent;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerKind;
import io.crmkit.core.customer.CustomerRepository;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.importing.ImportOptions;
import io.crmkit.core.importing.ImportRow;
import io.crmkit.core.internal.CustomerMasks;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.internal.importing.BatchImport;
import io.crmkit.core.internal.importing.KeySet;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.CustomerField;
import io.crmkit.core.security.RecordKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Writes one batch of imported customers: validate, spot duplicates, match, then insert in bulk or update. */
final class CustomerImport implements BatchImport.Writer<NewCustomer> {
    private final Engine engine;
    private final Guard guard;
    private final Actor actor;
    private final CustomerFactory factory;
    private final ImportOptions options;

    CustomerImport(Engine engine, Guard guard, CustomerFactory factory, ImportOptions options) {
        this.engine = engine;
        this.guard = guard;
        this.actor = guard.actor();
        this.factory = factory;
        this.options = options;
    }

    /** A valid row: the customer it would create, and its form for the fields it set. */
    private record Candidate(int position, NewCustomer form, Customer customer) {
    }

    @Override
    public List<ImportRow> write(List<BatchImport.Row<NewCustomer>> rows, Engine.Tx tx, KeySet seen, KeySet batchKeys) {
        ImportRow[] out = new ImportRow[rows.size()];
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            BatchImport.Row<NewCustomer> row = rows.get(i);
            try {
                NewCustomer form = row.value();
                Customer.Builder base = Customer.builder().id(new CustomerId(Ids.uuid7(engine.clock()))).createdAt(tx.now()).version(1);
                Customer c = factory.build(form, form.kind(), base, Map.of(), tx.now());
                List<String> keys = keys(c);
                if (keys.stream().anyMatch(k -> seen.contains(k) || batchKeys.contains(k))) {
                    out[i] = problem(row.index(), ImportRow.Outcome.DUPLICATE, "key", "duplicate",
                            "repeats the " + describe(c) + " of an earlier row");
                    continue;
                }
                keys.forEach(batchKeys::add);
                candidates.add(new Candidate(i, form, c));
            } catch (ValidationException e) {
                out[i] = new ImportRow(row.index(), ImportRow.Outcome.REJECTED, Optional.empty(), e.violations());
            } catch (NullPointerException e) {
                out[i] = problem(row.index(), ImportRow.Outcome.REJECTED, "row", "required", "must not be null");
            }
        }

        CustomerRepository repo = tx.repos().customers();
        Map<String, Map<String, Customer>> refHolders = refHolders(repo, candidates);
        Map<String, Customer> byEmail = options.matchBy() == ImportOptions.MatchBy.EMAIL
                ? repo.findByEmails(candidates.stream().flatMap(c -> c.customer().primaryEmail().stream())
                        .map(e -> e.value().toLowerCase(Locale.ROOT)).toList())
                : Map.of();

        AccessScope createScope = guard.scope(RecordKind.CUSTOMER, Action.CREATE); // once a batch: it walks the department tree
        List<Customer> inserts = new ArrayList<>();
        for (Candidate cand : candidates) {
            long index = rows.get(cand.position()).index();
            Customer c = cand.customer();
            Customer target = visible(tx, target(c, refHolders, byEmail));
            Optional<String> conflict = refConflict(tx, c, target, refHolders);
            if (conflict.isPresent()) {
                out[cand.position()] = problem(index, ImportRow.Outcome.REJECTED, "externalRefs", "conflict", conflict.get());
                continue;
            }
            Optional<String> orgProblem = c.organizationId().flatMap(org -> organizationProblem(tx, org));
            if (orgProblem.isPresent()) {
                out[cand.position()] = problem(index, ImportRow.Outcome.REJECTED, "organizationId", "not_found", orgProblem.get());
                continue;
            }
            Optional<String> denied = accessProblem(tx, cand, target, createScope);
            if (denied.isPresent()) {
                out[cand.position()] = problem(index, ImportRow.Outcome.REJECTED, "row", "access_denied", denied.get());
                continue;
            }
            if (target == null) {
                inserts.add(c);
                CustomerChanges.record(tx, AuditSource.IMPORT, actor.user(), AuditAction.CREATE, null, c);
                out[cand.position()] = new ImportRow(index, ImportRow.Outcome.INSERTED, Optional.of(c.id().value()), List.of());
                tx.raise(new CustomerEvent.Created(c.id(), tx.now(), actor.user()));
            } else if (target.kind() != c.kind()) {
                out[cand.position()] = problem(index, ImportRow.Outcome.REJECTED, "kind", "mismatch",
                        "is " + c.kind() + " but the matching customer " + target.id() + " is " + target.kind());
            } else {
                try {
                    Customer merged = merge(target, cand, tx);
                    repo.update(merged);
                    CustomerChanges.record(tx, AuditSource.IMPORT, actor.user(), AuditAction.UPDATE, target, merged);
                    out[cand.position()] = new ImportRow(index, ImportRow.Outcome.UPDATED, Optional.of(target.id().value()), List.of());
                    tx.raise(new CustomerEvent.Updated(merged.id(), merged.version(), tx.now(), actor.user()));
                } catch (ValidationException e) {
                    out[cand.position()] = new ImportRow(index, ImportRow.Outcome.REJECTED, Optional.of(target.id().value()), e.violations());
                }
            }
        }
        repo.insertAll(inserts);
        return List.of(out);
    }

    /** The keys that make two rows the same customer: every external reference, and the email when matching by it. */
    private List<String> keys(Customer c) {
        List<String> keys = new ArrayList<>(c.externalRefs().size() + 1);
        for (ExternalRef ref : c.externalRefs()) {
            keys.add("ref\u0000" + ref.system() + "\u0000" + ref.id());
        }
        if (options.matchBy() == ImportOptions.MatchBy.EMAIL) {
            c.primaryEmail().ifPresent(e -> keys.add("email\u0000" + e.value().toLowerCase(Locale.ROOT)));
        }
        return keys;
    }

    private String describe(Customer c) {
        return options.matchBy() == ImportOptions.MatchBy.EMAIL && c.primaryEmail().isPresent()
                ? "email or external reference" : "external reference";
    }

    private static Map<String, Map<String, Customer>> refHolders(CustomerRepository repo, List<Candidate> candidates) {
        Map<String, Set<String>> idsBySystem = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            for (ExternalRef ref : c.customer().externalRefs()) {
                idsBySystem.computeIfAbsent(ref.system(), s -> new LinkedHashSet<>()).add(ref.id());
            }
        }
        Map<String, Map<String, Customer>> holders = new HashMap<>();
        idsBySystem.forEach((system, ids) -> holders.put(system, repo.findByExternalRefs(system, ids)));
        return holders;
    }

    private @Nullable Customer target(Customer c, Map<String, Map<String, Customer>> refHolders, Map<String, Customer> byEmail) {
        return switch (options.matchBy()) {
            case NONE -> null;
            case EXTERNAL_REF -> c.externalRef(options.matchSystem().orElseThrow())
                    .map(ref -> refHolders.getOrDefault(ref.system(), Map.of()).get(ref.id())).orElse(null);
            case EMAIL -> c.primaryEmail().map(e -> byEmail.get(e.value().toLowerCase(Locale.ROOT))).orElse(null);
        };
    }

    /**
     * The matched customer if the actor may see it. An upsert never reveals or overwrites a customer the actor
     * cannot see: such a row counts as new (and is refused if it repeats that customer's external reference).
     */
    private @Nullable Customer visible(Engine.Tx tx, @Nullable Customer target) {
        return target == null || guard.permits(tx.repos(), target, RecordKind.CUSTOMER, Action.READ) ? target : null;
    }

    private Optional<String> refConflict(Engine.Tx tx, Customer c, @Nullable Customer target, Map<String, Map<String, Customer>> refHolders) {
        for (ExternalRef ref : c.externalRefs()) {
            Customer holder = refHolders.getOrDefault(ref.system(), Map.of()).get(ref.id());
            if (holder != null && (target == null || !holder.id().equals(target.id()))) {
                String whose = guard.permits(tx.repos(), holder, RecordKind.CUSTOMER, Action.READ)
                        ? " already belongs to customer " + holder.id() : " is already taken";
                return Optional.of("external reference " + ref.system() + ":" + ref.id() + whose);
            }
        }
        return Optional.empty();
    }

    /** Why the actor may not write this row: create the customer, or change the matched one as the row would. */
    private Optional<String> accessProblem(Engine.Tx tx, Candidate cand, @Nullable Customer target, AccessScope createScope) {
        Customer c = cand.customer();
        if (target == null) {
            return createScope.admits(c.owner(), c.department()) ? Optional.empty()
                    : Optional.of(guard.deniedMessage(Action.CREATE, RecordKind.CUSTOMER, "a customer of this owner and department"));
        }
        if (!guard.permits(tx.repos(), target, RecordKind.CUSTOMER, Action.EDIT)) {
            return Optional.of(guard.deniedMessage(Action.EDIT, RecordKind.CUSTOMER, "customer " + target.id()));
        }
        Set<CustomerField> touched = CustomerMasks.touched(cand.form(), guard.hiddenFields());
        return touched.isEmpty() ? Optional.empty() : Optional.of("sets fields hidden from " + actor.user() + ": " + touched);
    }

    private Optional<String> organizationProblem(Engine.Tx tx, CustomerId org) {
        Optional<Customer> found = guard.readable(tx.repos(), org, RecordKind.CUSTOMER);
        if (found.isEmpty()) {
            return Optional.of("names no existing customer: " + org);
        }
        return found.get().kind() == CustomerKind.ORGANIZATION ? Optional.empty()
                : Optional.of("names a person, not an organisation");
    }

    /** The stored customer with the row's fields: scalars the row set replace, collections are added to. */
    private static Customer merge(Customer target, Candidate cand, Engine.Tx tx) {
        Customer row = cand.customer();
        NewCustomer form = cand.form();
        Map<ContactChannel, Consent> consents = new EnumMap<>(ContactChannel.class);
        consents.putAll(target.consents());
        row.consents().forEach((ch, consent) -> {
            Consent before = target.consents().get(ch);
            if (before == null || before.status() != consent.status()) {
                consents.put(ch, consent);
            }
        });
        Map<String, ExternalRef> refs = new LinkedHashMap<>();
        target.externalRefs().forEach(r -> refs.put(r.system(), r));
        row.externalRefs().forEach(r -> refs.put(r.system(), r));
        Map<String, io.crmkit.core.customer.AttributeValue> attributes = new LinkedHashMap<>(target.attributes());
        attributes.putAll(row.attributes());
        Set<String> tags = new LinkedHashSet<>(target.tags());
        tags.addAll(row.tags());

        Customer.Builder b = target.toBuilder()
                .displayName(row.displayName())
                .emails(union(target.emails(), row.emails(), "emails"))
                .phones(union(target.phones(), row.phones(), "phones"))
                .addresses(union(target.addresses(), row.addresses(), "addresses"))
                .tags(tags)
                .attributes(attributes)
                .externalRefs(List.copyOf(refs.values()))
                .consents(consents)
                .updatedAt(tx.now())
                .version(target.version() + 1);
        form.stage().ifPresent(b::stage);
        row.owner().ifPresent(b::owner);
        row.department().ifPresent(b::department);
        row.organizationId().ifPresent(b::organizationId);
        row.jobTitle().ifPresent(b::jobTitle);
        row.timeZone().ifPresent(b::timeZone);
        if (tags.size() > Customer.MAX_TAGS || attributes.size() > Customer.MAX_ATTRIBUTES
                || refs.size() > Customer.MAX_CONTACT_POINTS) {
            throw ValidationException.of("row", "too_many", "would give the customer more tags, attributes or references than allowed");
        }
        return b.build();
    }

    private static <T> List<T> union(List<T> stored, List<T> added, String field) {
        Set<T> all = new LinkedHashSet<>(stored);
        all.addAll(added);
        if (all.size() > Customer.MAX_CONTACT_POINTS) {
            throw ValidationException.of(field, "too_many", "would exceed " + Customer.MAX_CONTACT_POINTS + " entries");
        }
        return List.copyOf(all);
    }

    private static ImportRow problem(long index, ImportRow.Outcome outcome, String field, String code, String message) {
        return new ImportRow(index, outcome, Optional.<UUID>empty(), List.of(new Violation(field, code, message)));
    }
}
