package io.crmkit.core.spi;

import io.crmkit.core.audit.AuditRepository;
import io.crmkit.core.commerce.PurchaseRepository;
import io.crmkit.core.customer.CustomerRepository;
import io.crmkit.core.event.EventOutboxRepository;
import io.crmkit.core.document.DocumentRepository;
import io.crmkit.core.interaction.InteractionRepository;
import io.crmkit.core.marketing.CampaignRepository;
import io.crmkit.core.messaging.OutboxRepository;
import io.crmkit.core.requirement.RequirementRepository;
import io.crmkit.core.sales.OpportunityRepository;
import io.crmkit.core.satisfaction.SurveyRepository;
import io.crmkit.core.security.ShareRepository;
import io.crmkit.core.service.ServiceCaseRepository;
import io.crmkit.core.task.TaskRepository;

/** The repositories of one unit of work; valid only inside it. */
public interface Repositories {
    CustomerRepository customers();

    InteractionRepository interactions();

    RequirementRepository requirements();

    TaskRepository tasks();

    SurveyRepository surveys();

    PurchaseRepository purchases();

    OutboxRepository outbox();

    ShareRepository shares();

    AuditRepository audit();

    ServiceCaseRepository serviceCases();
    OpportunityRepository opportunities();

    CampaignRepository campaigns();

    EventOutboxRepository events();
    DocumentRepository documents();
}
