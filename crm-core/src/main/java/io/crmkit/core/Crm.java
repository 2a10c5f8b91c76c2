package io.crmkit.core;

import io.crmkit.core.commerce.PurchaseService;
import io.crmkit.core.customer.CustomerService;
import io.crmkit.core.interaction.InteractionService;
import io.crmkit.core.messaging.MessagingService;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.ServicesAsActor;
import io.crmkit.core.requirement.RequirementService;
import io.crmkit.core.satisfaction.SurveyService;
import io.crmkit.core.security.Actor;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.task.TaskService;
import java.time.Clock;
import java.util.Objects;

/**
 * The entry point: an embedded CRM on the storage it was built with. Immutable and thread-safe; build
 * one per application with {@link #builder()}, share it, and close it on shutdown (which closes the
 * storage).
 *
 * <pre>{@code
 * try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).build()) {
 *     Customer c = crm.customers().create(NewCustomer.person("张三").phone("13800138000"));
 *     crm.as(Actor.user("li.si")).interactions().log(c.id(), Interaction.call(Direction.OUTBOUND).subject("回访"));
 * }
 * }</pre>
 */
public final class Crm implements CrmServices, AutoCloseable {
    private final Engine engine;
    private final CrmServices defaults;

    Crm(Engine engine, Actor defaultActor) {
        this.engine = engine;
        this.defaults = new ServicesAsActor(engine, defaultActor);
    }

    public static CrmBuilder builder() {
        return new CrmBuilder();
    }

    /** The same services acting as a user of the host application. Cheap; no need to cache. */
    public CrmServices as(Actor actor) {
        return new ServicesAsActor(engine, Objects.requireNonNull(actor, "actor"));
    }

    @Override
    public Actor actor() {
        return defaults.actor();
    }

    @Override
    public CustomerService customers() {
        return defaults.customers();
    }

    @Override
    public InteractionService interactions() {
        return defaults.interactions();
    }

    @Override
    public RequirementService requirements() {
        return defaults.requirements();
    }

    @Override
    public TaskService tasks() {
        return defaults.tasks();
    }

    @Override
    public SurveyService surveys() {
        return defaults.surveys();
    }

    @Override
    public PurchaseService purchases() {
        return defaults.purchases();
    }

    @Override
    public MessagingService messaging() {
        return defaults.messaging();
    }

    /** The storage this CRM runs on, for modules such as analytics that read through the port. */
    public CrmStorage storage() {
        return engine.storage();
    }

    public Clock clock() {
        return engine.clock();
    }

    /**
     * Stops the background dispatcher (letting a batch in flight finish), closes the message channels,
     * then the storage. Idempotent.
     */
    @Override
    public void close() {
        engine.close();
    }
}
