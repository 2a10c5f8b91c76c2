package io.crmkit.core.internal.customer;

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
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.internal.importing.BatchImport;
import io.crmkit.core.security.Actor;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

public final class TransactionalCustomerService implements CustomerService {
    private final Engine engine;
    private final Actor actor;
    private final CustomerFactory factory;

    public TransactionalCustomerService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
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
                    checkOrganization(tx.repos().customers(), form, form.kind()));
            checkExternalRefs(tx.repos().customers(), customer);
            tx.repos().customers().insert(customer);
            CustomerChanges.record(tx, AuditSource.API, actor.user(), AuditAction.CREATE, null, customer);
            tx.raise(new CustomerEvent.Created(customer.id(), tx.now(), actor.user()));
            return customer;
        });
    }

    @Override
    public Optional<Customer> get(CustomerId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> repos.customers().findById(id));
    }

    @Override
    public Customer update(CustomerEdit edit) {
        Objects.requireNonNull(edit, "edit");
        return engine.write(tx -> {
            Customer current = tx.repos().customers().require(edit.id());
            if (current.version() != edit.baseVersion()) {
                throw new ConflictException("customer " + edit.id() + " was changed by someone else (version "
                        + current.version() + ", edit based on " + edit.baseVersion() + "); reload and retry");
            }
            Customer.Builder base = current.toBuilder().version(current.version() + 1);
            Customer updated = factory.build(edit, current.kind(), base, current.consents(), tx.now(),
                    checkOrganization(tx.repos().customers(), edit, current.kind()));
            checkExternalRefs(tx.repos().customers(), updated);
            tx.repos().customers().update(updated);
            CustomerChanges.record(tx, AuditSource.API, actor.user(), AuditAction.UPDATE, current, updated);
            tx.raise(new CustomerEvent.Updated(updated.id(), updated.version(), tx.now(), actor.user()));
            return updated;
        });
    }

    @Override
    public Customer setConsent(CustomerId id, ContactChannel channel, ConsentStatus status, String source) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        return engine.write(tx -> {
            Customer current = tx.repos().customers().require(id);
            Customer.Builder base = current.toBuilder().version(current.version() + 1);
            Customer updated = factory.build(current.edit().consent(channel, status, source), current.kind(), base,
                    current.consents(), tx.now());
            tx.repos().customers().update(updated);
            CustomerChanges.record(tx, AuditSource.API, actor.user(), AuditAction.UPDATE, current, updated);
            tx.raise(new CustomerEvent.Updated(updated.id(), updated.version(), tx.now(), actor.user()));
            return updated;
        });
    }

    @Override
    public Customer archive(CustomerId id) {
        return engine.write(tx -> {
            Customer current = tx.repos().customers().require(id);
            if (current.isArchived()) {
                return current;
            }
            Customer archived = current.toBuilder().archivedAt(tx.now()).updatedAt(tx.now())
                    .version(current.version() + 1).build();
            tx.repos().customers().update(archived);
            CustomerChanges.record(tx, AuditSource.API, actor.user(), AuditAction.ARCHIVE, current, archived);
            tx.raise(new CustomerEvent.Archived(id, tx.now(), actor.user()));
            return archived;
        });
    }

    @Override
    public Page<Customer> search(CustomerQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        CustomerQuery normalised = query.phone().isPresent()
                ? query.phone(factory.phone(query.phone().get()).value())
                : query;
        return engine.read(repos -> repos.customers().search(normalised, page));
    }

    @Override
    public Optional<Customer> findByExternalRef(String system, String id) {
        ExternalRef ref = ExternalRef.of(system, id);
        return engine.read(repos -> repos.customers().findByExternalRef(ref));
    }

    /**
     * The organisation a person belongs to must exist and be one. Returns the violations, so that they are
     * reported together with those of the other fields.
     */
    private static Checks checkOrganization(CustomerRepository customers, CustomerForm<?> form, CustomerKind kind) {
        Checks checks = new Checks();
        if (kind == CustomerKind.PERSON) { // for an organisation, the factory reports not_a_person
            form.organizationId().ifPresent(orgId -> {
                Optional<Customer> org = customers.findById(orgId);
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
        return BatchImport.run(engine, rows, options, new CustomerImport(engine, actor, factory, options));
    }

    /** External references must be free. */
    private static void checkExternalRefs(CustomerRepository customers, Customer customer) {
        for (ExternalRef ref : customer.externalRefs()) {
            customers.findByExternalRef(ref).filter(other -> !other.id().equals(customer.id())).ifPresent(other -> {
                throw new ConflictException("external reference " + ref.system() + ":" + ref.id()
                        + " already belongs to customer " + other.id());
            });
        }
    }

}
