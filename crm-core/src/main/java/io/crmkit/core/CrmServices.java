package io.crmkit.core;

import io.crmkit.core.commerce.PurchaseService;
import io.crmkit.core.customer.CustomerService;
import io.crmkit.core.interaction.InteractionService;
import io.crmkit.core.messaging.MessagingService;
import io.crmkit.core.requirement.RequirementService;
import io.crmkit.core.satisfaction.SurveyService;
import io.crmkit.core.security.Actor;
import io.crmkit.core.task.TaskService;

/**
 * The services of a {@link Crm}, acting as one {@link Actor}: {@link Crm} itself acts as the
 * configured default actor, {@link Crm#as(Actor)} as a user of the host application. Thread-safe.
 */
public interface CrmServices {
    /** Who these services act as: recorded as author, creator and transition actor. */
    Actor actor();

    CustomerService customers();

    InteractionService interactions();

    RequirementService requirements();

    TaskService tasks();

    SurveyService surveys();

    PurchaseService purchases();

    /** Email, SMS and voice calls to customers, through the outbox. */
    MessagingService messaging();
}
