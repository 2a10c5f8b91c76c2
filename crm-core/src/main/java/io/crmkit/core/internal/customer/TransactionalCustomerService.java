package io.crmkit.core.internal.customer;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.Checks;
import io.crmkit.core.ConflictException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerEdit;
import io.crmkit.core.customer.CustomerEvent;
import io.crmkit.core.customer.CustomerForm;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerKind;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.CustomerRepository;
import io.crmkit.core.customer.CustomerService;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.importing.ImportOptions;
import io.crmkit.core.importing.ImportReport;
import io.crmkit.core.internal.CustomerMasks;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.internal.importing.BatchImport;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.CustomerField;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

public final class TransactionalCustomerService implements CustomerService {
    /** Customers read per query while exporting. */
    private static final int EXPORT_PAGE = 500;

    private final Engine engine;
    private final Actor actor;
    private final Guard guard;
    private final CustomerFactory factory;

    public TransactionalCustomerService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
        this.factory = new CustomerFactory(engine.defaultRegion());
    }

    @Override
    public Customer create(NewCustomer form) {
        Objects.requireNonNull(form, "customer");
        return engine.write(tx -> {
            Customer.Builder base = Customer.builder()
                    .id(new CustomerId(Ids.uuid7(engine.clock())))
                    .createdAt(tx.now())
                    .version(1);
            Customer customer = factory.build(form, form.kind(), base, Map.of(), tx.now(),
                    checkOrganization(tx, form, form.kind()));
            guard.requireCreate(RecordKind.CUSTOMER, customer.owner(), customer.department(),
                    "a customer of owner " + customer.owner().map(UserRef::id).orElse("(none)")
                            + " and department " + customer.department().map(DepartmentRef::id).orElse("(none)"));
            checkExternalRefs(tx, customer);
            tx.repos().customers().insert(customer);
            CustomerChanges.record(tx, AuditSource.API, actor.user(), AuditAction.CREATE, null, customer);
            tx.raise(new CustomerEvent.Created(customer.id(), tx.now(), actor.user()));
            return guard.mask(customer);
        });
    }

    @Override
    public Optional<Customer> get(CustomerId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> guard.readable(repos, id, RecordKind.CUSTOMER));
    }

    @Override
    public Customer update(CustomerEdit edit) {
        Objects.requireNonNull(edit, "edit");
        return engine.write(tx -> {
            Customer current = guard.require(tx.repos(), edit.id(), RecordKind.CUSTOMER, Action.EDIT);
            Set<CustomerField> touched = CustomerMasks.touched(edit, edit.base().hiddenFields());
            if (!touched.isEmpty()) {
                throw new AccessDeniedException(actor.user() + " may not change fields hidden from them: " + touched);
            }
            if (current.version() != edit.baseVersion()) {
                throw new ConflictException("customer " + edit.id() + " was changed by someone else (version "
                        + current.version() + ", edit based on " + edit.baseVersion() + "); reload and retry");
            }
            Customer.Builder base = current.toBuilder().version(current.version() + 1);
            Customer updated = CustomerMasks.restore(factory.build(edit, current.kind(), base, current.consents(), tx.now(),
                    checkOrganization(tx, edit, current.kind())), current, edit.base().hiddenFields());
            if (!guard.permits(tx.repos(), updated, RecordKind.CUSTOMER, Action.EDIT)) {
                throw guard.denied(Action.EDIT, RecordKind.CUSTOMER, "customer " + updated.id()
                        + " into an owner and department out of their reach");
            }
            checkExternalRefs(tx, updated);
            tx.repos().customers().update(updated);
            CustomerChanges.record(tx, AuditSource.API, actor.user(), AuditAction.UPDATE, current, updated);
            tx.raise(new CustomerEvent.Updated(updated.id(), updated.version(), tx.now(), actor.user()));
            return guard.mask(updated);
        });
    }

    @Override
    public Customer setConsent(CustomerId id, ContactChannel channel, ConsentStatus status, String source) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        return engine.write(tx -> {
            Customer current = guard.require(tx.repos(), id, RecordKind.CUSTOMER, Action.EDIT);
            if (guard.hiddenFields().contains(CustomerField.CONSENTS)) {
                throw new AccessDeniedException(actor.user() + " may not change consents, which are hidden from them");
            }
            Customer.Builder base = current.toBuilder().version(current.version() + 1);
            Customer updated = factory.build(current.edit().consent(channel, status, source), current.kind(), base,
                    current.consents(), tx.now());
            tx.repos().customers().update(updated);
            CustomerChanges.record(tx, AuditSource.API, actor.user(), AuditAction.UPDATE, current, updated);
            tx.raise(new CustomerEvent.Updated(updated.id(), updated.version(), tx.now(), actor.user()));
            return guard.mask(updated);
        });
    }

    @Override
    public Customer archive(CustomerId id) {
        return engine.write(tx -> {
            Customer current = guard.require(tx.repos(), id, RecordKind.CUSTOMER, Action.DELETE);
            if (current.isArchived()) {
                return guard.mask(current);
            }
            Customer archived = current.toBuilder().archivedAt(tx.now()).updatedAt(tx.now())
                    .version(current.version() + 1).build();
            tx.repos().customers().update(archived);
            CustomerChanges.record(tx, AuditSource.API, actor.user(), AuditAction.ARCHIVE, current, archived);
            tx.raise(new CustomerEvent.Archived(id, tx.now(), actor.user()));
            return guard.mask(archived);
        });
    }

    @Override
    public Page<Customer> search(CustomerQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        CustomerQuery normalised = normalised(query);
        AccessScope scope = guard.scope(RecordKind.CUSTOMER, Action.READ);
        if (scope.isNothing()) {
            return Page.last(List.of());
        }
        return engine.read(repos -> repos.customers().search(normalised, scope, page)).map(guard::mask);
    }

    @Override
    public long export(CustomerQuery query, Consumer<? super Customer> sink) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(sink, "sink");
        AccessScope scope = guard.scope(RecordKind.CUSTOMER, Action.EXPORT);
        if (scope.isNothing()) {
            return 0;
        }
        CustomerQuery normalised = normalised(query);
        return engine.write(tx -> {
            long count = 0;
            PageRequest page = PageRequest.first(EXPORT_PAGE);
            while (true) {
                Page<Customer> customers = tx.repos().customers().search(normalised, scope, page);
                for (Customer c : customers.items()) {
                    sink.accept(guard.mask(c));
                    tx.audit(actor.user(), RecordKind.CUSTOMER, c.id().value(), AuditAction.EXPORT, List::of);
                    count++;
                }
                if (customers.nextCursor().isEmpty()) {
                    return count;
                }
                page = PageRequest.after(customers.nextCursor().get(), EXPORT_PAGE);
            }
        });
    }

    @Override
    public Optional<Customer> findByExternalRef(String system, String id) {
        ExternalRef ref = ExternalRef.of(system, id);
        return engine.read(repos -> repos.customers().findByExternalRef(ref)
                .filter(c -> guard.permits(repos, c, RecordKind.CUSTOMER, Action.READ)).map(guard::mask));
    }

    private CustomerQuery normalised(CustomerQuery query) {
        return query.phone().isPresent() ? query.phone(factory.phone(query.phone().get()).value()) : query;
    }

    /**
     * The organisation a person belongs to must exist and be one. Returns the violations, so that they are
     * reported together with those of the other fields.
     */
    private Checks checkOrganization(Engine.Tx tx, CustomerForm<?> form, CustomerKind kind) {
        Checks checks = new Checks();
        if (kind == CustomerKind.PERSON) { // for an organisation, the factory reports not_a_person
            form.organizationId().ifPresent(orgId -> {
                Optional<Customer> org = guard.readable(tx.repos(), orgId, RecordKind.CUSTOMER);
                checks.require(org.isPresent(), "organizationId", "not_found", "names no existing customer: " + orgId);
                checks.require(org.isEmpty() || org.get().kind() == CustomerKind.ORGANIZATION, "organizationId",
                        "not_an_organization", "names a person, not an organisation");
            });
        }
        return checks;
    }

    @Override
    public ImportReport importAll(Iterator<NewCustomer> rows, ImportOptions options) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(options, "options");
        return BatchImport.run(engine, rows, options, new CustomerImport(engine, guard, factory, options));
    }

    /** External references must be free; the holder is named only to an actor who may see it. */
    private void checkExternalRefs(Engine.Tx tx, Customer customer) {
        for (ExternalRef ref : customer.externalRefs()) {
            tx.repos().customers().findByExternalRef(ref).filter(other -> !other.id().equals(customer.id())).ifPresent(other -> {
                throw new ConflictException("external reference " + ref.system() + ":" + ref.id()
                        + (guard.permits(tx.repos(), other, RecordKind.CUSTOMER, Action.READ)
                        ? " already belongs to customer " + other.id() : " is already taken"));
            });
        }
    }

}
