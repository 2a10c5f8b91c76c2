package io.crmkit.jdbc.internal;

import io.crmkit.core.audit.AuditRepository;
import io.crmkit.core.commerce.PurchaseRepository;
import io.crmkit.core.customer.CustomerRepository;
import io.crmkit.core.event.EventOutboxRepository;
import io.crmkit.core.document.DocumentRepository;
import io.crmkit.core.interaction.InteractionRepository;
import io.crmkit.core.dedup.MergeRepository;
import io.crmkit.core.marketing.CampaignRepository;
import io.crmkit.core.messaging.OutboxRepository;
import io.crmkit.core.requirement.RequirementRepository;
import io.crmkit.core.sales.OpportunityRepository;
import io.crmkit.core.satisfaction.SurveyRepository;
import io.crmkit.core.security.ShareRepository;
import io.crmkit.core.service.ServiceCaseRepository;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.spi.UnitOfWork;
import io.crmkit.core.task.TaskRepository;
import io.crmkit.jdbc.internal.audit.JdbcAudit;
import io.crmkit.jdbc.internal.commerce.JdbcPurchases;
import io.crmkit.jdbc.internal.dedup.JdbcMerges;
import io.crmkit.jdbc.internal.webhook.JdbcWebhooks;
import io.crmkit.jdbc.internal.customer.JdbcCustomers;
import io.crmkit.jdbc.internal.event.JdbcEvents;
import io.crmkit.jdbc.internal.document.JdbcContentStore;
import io.crmkit.jdbc.internal.document.JdbcDocuments;
import io.crmkit.jdbc.internal.notification.JdbcNotifications;
import io.crmkit.jdbc.internal.project.JdbcProjects;
import io.crmkit.core.notification.NotificationRepository;
import io.crmkit.core.project.ProjectRepository;
import io.crmkit.jdbc.internal.interaction.JdbcInteractions;
import io.crmkit.jdbc.internal.marketing.JdbcCampaigns;
import io.crmkit.jdbc.internal.messaging.JdbcOutbox;
import io.crmkit.jdbc.internal.requirement.JdbcRequirements;
import io.crmkit.jdbc.internal.sales.JdbcOpportunities;
import io.crmkit.jdbc.internal.satisfaction.JdbcSurveys;
import io.crmkit.jdbc.internal.security.JdbcShares;
import io.crmkit.jdbc.internal.service.JdbcServiceCases;
import io.crmkit.jdbc.internal.sql.Dialect;
import io.crmkit.jdbc.internal.sql.Errors;
import io.crmkit.jdbc.internal.sql.Sql;
import io.crmkit.jdbc.internal.sql.Transactions;
import io.crmkit.jdbc.internal.task.JdbcTasks;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Runs units of work: one connection and one transaction per outermost unit of work ({@link Transactions}),
 * joined by nested ones on the same thread, each with the repositories of every feature on its statements.
 */
public final class JdbcEngine {
    private final Transactions transactions;
    private final Dialect dialect;
    private final ThreadLocal<@Nullable Tx> current = new ThreadLocal<>();
    private final JdbcContentStore contents;

    public JdbcEngine(DataSource dataSource, Dialect dialect, String prefix, Errors errors) {
        this.transactions = new Transactions(dataSource, dialect, prefix, errors);
        this.dialect = dialect;
        this.contents = new JdbcContentStore(transactions);
        errors.dialect(dialect);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** A unit of work that writes; nested in another, it joins it as a savepoint. */
    public <T> T inTransaction(UnitOfWork<T> work) {
        Tx joined = current.get();
        if (joined != null) {
            if (joined.readOnly) {
                throw new IllegalStateException("cannot start a write unit of work inside a read unit of work");
            }
            return joined.sql.nested(() -> work.run(joined));
        }
        return outermost(work);
    }

    /** A unit of work that only reads; nested in another, it simply joins it. */
    public <T> T read(UnitOfWork<T> work) {
        Tx joined = current.get();
        if (joined != null) {
            return work.run(joined);
        }
        return transactions.read(sql -> {
            Tx tx = new Tx(sql, true);
            current.set(tx);
            try {
                return work.run(tx);
            } finally {
                current.remove();
            }
        });
    }

    private <T> T outermost(UnitOfWork<T> work) {
        return transactions.run(sql -> {
            Tx tx = new Tx(sql, false);
            current.set(tx);
            try {
                return work.run(tx);
            } finally {
                current.remove();
            }
        });
    }

    /** Runs {@code work} on the statements of a unit of work, joining the current one of this thread if any. */
    public <T> T withSql(Function<Sql, T> work) {
        Tx joined = current.get();
        return joined != null ? work.apply(joined.sql) : transactions.run(work);
    }

    /**
     * The database's content store, on transactions and connections of its own, even inside a unit of work of this
     * thread: its objects are written before the records that name them.
     */
    public JdbcContentStore contentStore() {
        return contents;
    }

    /** The repositories of one transaction. */
    private static final class Tx implements Repositories {
        private final Sql sql;
        private final boolean readOnly;
        private final JdbcCustomers customers;
        private final JdbcInteractions interactions;
        private final JdbcRequirements requirements;
        private final JdbcTasks tasks;
        private final JdbcSurveys surveys;
        private final JdbcPurchases purchases;
        private final JdbcOutbox outbox;
        private final JdbcShares shares;
        private final JdbcAudit audit;
        private final JdbcServiceCases serviceCases;
        private final JdbcOpportunities opportunities;
        private final JdbcCampaigns campaigns;
        private final JdbcEvents events;
        private final JdbcDocuments documents;
        private final JdbcMerges merges;
        private final JdbcNotifications notifications;
        private final JdbcProjects projects;
        private final io.crmkit.jdbc.internal.policy.JdbcPolicies policies;
        private final JdbcWebhooks webhooks;

        Tx(Sql sql, boolean readOnly) {
            this.sql = sql;
            this.readOnly = readOnly;
            customers = new JdbcCustomers(sql);
            interactions = new JdbcInteractions(sql);
            requirements = new JdbcRequirements(sql);
            tasks = new JdbcTasks(sql);
            surveys = new JdbcSurveys(sql);
            purchases = new JdbcPurchases(sql);
            outbox = new JdbcOutbox(sql);
            shares = new JdbcShares(sql);
            audit = new JdbcAudit(sql);
            serviceCases = new JdbcServiceCases(sql);
            opportunities = new JdbcOpportunities(sql);
            campaigns = new JdbcCampaigns(sql);
            events = new JdbcEvents(sql);
            documents = new JdbcDocuments(sql);
            merges = new JdbcMerges(sql);
            notifications = new JdbcNotifications(sql);
            projects = new JdbcProjects(sql);
            policies = new io.crmkit.jdbc.internal.policy.JdbcPolicies(sql);
            webhooks = new JdbcWebhooks(sql);
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
