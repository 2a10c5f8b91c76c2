package io.crmkit.core.internal;

import io.crmkit.core.CrmServices;
import io.crmkit.core.commerce.PurchaseService;
import io.crmkit.core.customer.CustomerService;
import io.crmkit.core.interaction.InteractionService;
import io.crmkit.core.messaging.MessagingService;
import io.crmkit.core.requirement.RequirementService;
import io.crmkit.core.satisfaction.SurveyService;
import io.crmkit.core.security.Actor;
import io.crmkit.core.task.TaskService;

/** The services bound to one actor. */
public final class ServicesAsActor implements CrmServices {
    private final Actor actor;
    private final CustomerService customers;
    private final InteractionService interactions;
    private final RequirementService requirements;
    private final TaskService tasks;
    private final SurveyService surveys;
    private final PurchaseService purchases;
    private final MessagingService messaging;

    public ServicesAsActor(Engine engine, Actor actor) {
        this.actor = actor;
        this.customers = new TransactionalCustomerService(engine, actor);
        this.interactions = new TransactionalInteractionService(engine, actor);
        this.requirements = new TransactionalRequirementService(engine, actor);
        this.tasks = new TransactionalTaskService(engine, actor);
        this.surveys = new TransactionalSurveyService(engine, actor);
        this.purchases = new TransactionalPurchaseService(engine, actor);
        this.messaging = new TransactionalMessagingService(engine, actor);
    }

    @Override
    public Actor actor() {
        return actor;
    }

    @Override
    public CustomerService customers() {
        return customers;
    }

    @Override
    public InteractionService interactions() {
        return interactions;
    }

    @Override
    public RequirementService requirements() {
        return requirements;
    }

    @Override
    public TaskService tasks() {
        return tasks;
    }

    @Override
    public SurveyService surveys() {
        return surveys;
    }

    @Override
    public PurchaseService purchases() {
        return purchases;
    }

    @Override
    public MessagingService messaging() {
        return messaging;
    }
}
