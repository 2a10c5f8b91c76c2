package io.crmkit.testkit;

import io.crmkit.core.audit.AuditRepository;
import io.crmkit.core.commerce.PurchaseRepository;
import io.crmkit.core.customer.CustomerRepository;
import io.crmkit.core.event.EventOutboxRepository;
import io.crmkit.core.dedup.MergeRepository;
import io.crmkit.core.interaction.InteractionRepository;
import io.crmkit.core.marketing.CampaignRepository;
import io.crmkit.core.messaging.OutboxRepository;
import io.crmkit.core.requirement.RequirementRepository;
import io.crmkit.core.sales.OpportunityRepository;
import io.crmkit.core.satisfaction.SurveyRepository;
import io.crmkit.core.security.ShareRepository;
import io.crmkit.core.service.ServiceCaseRepository;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.spi.UnitOfWork;
import io.crmkit.core.task.TaskRepository;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A storage that runs every unit of work on another storage, through repositories the test replaces in
 * part: the place for test doubles, below the services, so that everything above (validation, access
 * rules, events) runs as in production.
 *
 * <pre>{@code
 * CrmStorage storage = ForwardingStorage.wrapping(InMemoryStorage.create(), repos -> new ForwardingStorage.Repos(repos) {
 *     @Override public SurveyRepository surveys() { return generated; }
 * });
 * Crm crm = Crm.builder().storage(storage).build();
 * }</pre>
 */
public final class ForwardingStorage implements CrmStorage {
    private final CrmStorage delegate;
    private final UnaryOperator<Repositories> wrap;

    private ForwardingStorage(CrmStorage delegate, UnaryOperator<Repositories> wrap) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.wrap = Objects.requireNonNull(wrap, "wrap");
    }

    /** Runs units of work on {@code delegate}, handing them {@code wrap} of its repositories. */
    public static ForwardingStorage wrapping(CrmStorage delegate, UnaryOperator<Repositories> wrap) {
        return new ForwardingStorage(delegate, wrap);
    }

    @Override
    public <T> T inTransaction(UnitOfWork<T> work) {
        return delegate.inTransaction(repos -> work.run(wrap.apply(repos)));
    }

    @Override
    public <T> T read(UnitOfWork<T> work) {
        return delegate.read(repos -> work.run(wrap.apply(repos)));
    }

    @Override
    public java.util.Optional<io.crmkit.core.document.ContentStore> contentStore() {
        return delegate.contentStore();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "ForwardingStorage[" + delegate + "]";
    }

    /** Repositories that forward to others; override the ones a test replaces. */
    public static class Repos implements Repositories {
        private final Repositories delegate;

        public Repos(Repositories delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        @Override
        public CustomerRepository customers() {
            return delegate.customers();
        }

        @Override
        public InteractionRepository interactions() {
            return delegate.interactions();
        }

        @Override
        public RequirementRepository requirements() {
            return delegate.requirements();
        }

        @Override
        public TaskRepository tasks() {
            return delegate.tasks();
        }

        @Override
        public SurveyRepository surveys() {
            return delegate.surveys();
        }

        @Override
        public PurchaseRepository purchases() {
            return delegate.purchases();
        }

        @Override
        public OutboxRepository outbox() {
            return delegate.outbox();
        }

        @Override
        public ShareRepository shares() {
            return delegate.shares();
        }

        @Override
        public AuditRepository audit() {
            return delegate.audit();
        }

        @Override
        public ServiceCaseRepository serviceCases() {
            return delegate.serviceCases();
        }

        @Override
        public OpportunityRepository opportunities() {
            return delegate.opportunities();
        }

        @Override
        public CampaignRepository campaigns() {
            return delegate.campaigns();
        }

        @Override
        public EventOutboxRepository events() {
            return delegate.events();
        }

        @Override
        public io.crmkit.core.document.DocumentRepository documents() {
            return delegate.documents();
        }

        @Override
        public MergeRepository merges() {
            return delegate.merges();
        }

        @Override
        public io.crmkit.core.notification.NotificationRepository notifications() {
            return delegate.notifications();
        }

        @Override
        public io.crmkit.core.project.ProjectRepository projects() {
            return delegate.projects();
        }

        @Override
        public io.crmkit.core.policy.PolicyRepository policies() {
            return delegate.policies();
        }

        @Override
        public io.crmkit.core.webhook.WebhookRepository webhooks() {
            return delegate.webhooks();
        }
    }
}
