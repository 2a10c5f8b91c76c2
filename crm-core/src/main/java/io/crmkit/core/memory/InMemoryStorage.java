package io.crmkit.core.memory;

import io.crmkit.core.StorageException;
import io.crmkit.core.audit.AuditRepository;
import io.crmkit.core.commerce.PurchaseRepository;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerRepository;
import io.crmkit.core.event.EventOutboxRepository;
import io.crmkit.core.document.DocumentRepository;
import io.crmkit.core.dedup.MergeRepository;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.InteractionRepository;
import io.crmkit.core.marketing.CampaignRepository;
import io.crmkit.core.messaging.OutboxRepository;
import io.crmkit.core.requirement.RequirementRepository;
import io.crmkit.core.sales.OpportunityRepository;
import io.crmkit.core.satisfaction.SurveyRepository;
import io.crmkit.core.security.ShareRepository;
import io.crmkit.core.service.ServiceCaseRepository;
import io.crmkit.core.document.ContentStore;
import io.crmkit.core.notification.NotificationRepository;
import io.crmkit.core.project.ProjectRepository;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.spi.UnitOfWork;
import io.crmkit.core.task.TaskRepository;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Storage in the JVM heap. Thread-safe: write units of work run one at a time and read units of work
 * run in parallel with each other, so every unit of work sees a consistent state. A unit of work that
 * throws is undone completely. Nothing survives {@link #close()} or the JVM; use it for tests, demos
 * and tools, and {@code JdbcStorage} for anything that must last.
 */
public final class InMemoryStorage implements CrmStorage {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Undo actions of the write unit of work on the thread that holds the write lock. */
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private final Tables tables = new Tables(undo, lock);
    private final InMemoryContentStore contents = InMemoryContentStore.create();
    private volatile boolean closed;

    private InMemoryStorage() {
    }

    public static InMemoryStorage create() {
        return new InMemoryStorage();
    }

    @Override
    public <T> T inTransaction(UnitOfWork<T> work) {
        checkOpen();
        if (lock.isWriteLockedByCurrentThread()) {
            return runUndoingOnFailure(work); // joins the enclosing unit of work, like a savepoint
        }
        if (lock.getReadHoldCount() > 0) {
            throw new IllegalStateException("cannot start a write unit of work inside a read unit of work");
        }
        lock.writeLock().lock();
        try {
            return runUndoingOnFailure(work);
        } finally {
            undo.clear();
            lock.writeLock().unlock();
        }
    }

    /** Runs work; if it fails, undoes what it changed (and only that) before rethrowing. */
    private <T> T runUndoingOnFailure(UnitOfWork<T> work) {
        int mark = undo.size();
        try {
            return work.run(tables);
        } catch (RuntimeException | Error e) {
            while (undo.size() > mark) {
                undo.pop().run();
            }
            throw e;
        }
    }

    @Override
    public <T> T read(UnitOfWork<T> work) {
        checkOpen();
        lock.readLock().lock();
        try {
            return work.run(tables);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("storage is closed");
        }
    }

    /** Drops all data. Later calls throw {@link StorageException}. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            tables.clear();
            contents.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Document content in the heap, dropped with the data on {@link #close()}. */
    @Override
    public Optional<ContentStore> contentStore() {
        return Optional.of(contents);
    }

    @Override
    public String toString() {
        return "InMemoryStorage[" + (closed ? "closed" : "open") + "]";
    }

    /** All repositories over the shared tables. */
    static final class Tables implements Repositories {
        private final MemoryCustomers customers;
        private final MemoryInteractions interactions;
        private final MemoryRequirements requirements;
        private final MemoryTasks tasks;
        private final MemorySurveys surveys;
        private final MemoryPurchases purchases;
        private final MemoryOutbox outbox;
        private final MemoryShares shares;
        private final MemoryAudit audit;
        private final MemoryServiceCases serviceCases;
        private final MemoryOpportunities opportunities;
        private final MemoryCampaigns campaigns;
        private final MemoryEvents events;
        private final MemoryDocuments documents;
        private final MemoryMerges merges;
        private final MemoryNotifications notifications;
        private final MemoryProjects projects;
        private final MemoryPolicies policies;
        private final MemoryWebhooks webhooks;

        Tables(Deque<Runnable> undo, ReentrantReadWriteLock lock) {
            shares = new MemoryShares(MemoryShares.table(undo, lock));
            Table<Customer> customerTable = new Table<>(undo, lock, Customer::externalRefs);
            MemoryAccess access = new MemoryAccess(customerTable, shares);
            customers = new MemoryCustomers(customerTable, access);
            interactions = new MemoryInteractions(new Table<>(undo, lock));
            requirements = new MemoryRequirements(new Table<>(undo, lock), access);
            tasks = new MemoryTasks(new Table<>(undo, lock), access);
            surveys = new MemorySurveys(new Table<>(undo, lock), access);
            purchases = new MemoryPurchases(new Table<>(undo, lock, p -> p.externalId().stream().toList()), access);
            outbox = new MemoryOutbox(new Table<>(undo, lock, MemoryOutbox::uniqueKeys, MemoryOutbox::lookupKeys,
                    m -> m.status() == DeliveryStatus.QUEUED), access);
            audit = new MemoryAudit(new Table<>(undo, lock, e -> List.of(), MemoryAudit::lookupKeys, e -> false),
                    new Table<>(undo, lock));
            serviceCases = new MemoryServiceCases(new Table<>(undo, lock), access);
            opportunities = new MemoryOpportunities(new Table<>(undo, lock), new Table<>(undo, lock), access);
            campaigns = new MemoryCampaigns(new Table<>(undo, lock), new Table<>(undo, lock, MemoryCampaigns::memberUniqueKeys,
                    MemoryCampaigns::memberLookupKeys, m -> false), purchases.table(), opportunities.table(), access);
            events = new MemoryEvents(undo);
            documents = new MemoryDocuments(new Table<>(undo, lock), MemoryDocuments.downloads(undo, lock), access);
            merges = new MemoryMerges(new Table<>(undo, lock, m -> List.of(), MemoryMerges::lookupKeys, m -> false));
            notifications = MemoryNotifications.create(undo, lock);
            projects = new MemoryProjects(new Table<>(undo, lock));
            policies = new MemoryPolicies(new Table<>(undo, lock), new Table<>(undo, lock, c -> List.of(),
                    MemoryPolicies::contactLookupKeys, c -> false), new Table<>(undo, lock), customerTable,
                    interactions.table(), purchases.table(), serviceCases.table(), surveys.table(), access);
            webhooks = MemoryWebhooks.create(undo, lock);
        }

        void clear() {
            customers.table().clear();
            interactions.table().clear();
            requirements.table().clear();
            tasks.table().clear();
            surveys.table().clear();
            purchases.table().clear();
            outbox.table().clear();
            shares.table().clear();
            audit.entryTable().clear();
            audit.headTable().clear();
            serviceCases.table().clear();
            opportunities.table().clear();
            opportunities.snapshots().clear();
            campaigns.table().clear();
            campaigns.memberTable().clear();
            events.clear();
            documents.table().clear();
            documents.downloadTable().clear();
            merges.table().clear();
            notifications.clear();
            projects.table().clear();
            policies.clearAll();
            webhooks.clear();
        }

        @Override public CustomerRepository customers() { return customers; }
        @Override public InteractionRepository interactions() { return interactions; }
        @Override public RequirementRepository requirements() { return requirements; }
        @Override public TaskRepository tasks() { return tasks; }
        @Override public SurveyRepository surveys() { return surveys; }
        @Override public PurchaseRepository purchases() { return purchases; }
        @Override public OutboxRepository outbox() { return outbox; }
        @Override public ShareRepository shares() { return shares; }
        @Override public AuditRepository audit() { return audit; }
        @Override public ServiceCaseRepository serviceCases() { return serviceCases; }
        @Override public OpportunityRepository opportunities() { return opportunities; }
        @Override public CampaignRepository campaigns() { return campaigns; }
        @Override public EventOutboxRepository events() { return events; }
        @Override public DocumentRepository documents() { return documents; }
        @Override public MergeRepository merges() { return merges; }
        @Override public NotificationRepository notifications() { return notifications; }
        @Override public ProjectRepository projects() { return projects; }
        @Override public io.crmkit.core.policy.PolicyRepository policies() { return policies; }
        @Override public io.crmkit.core.webhook.WebhookRepository webhooks() { return webhooks; }
    }
}
