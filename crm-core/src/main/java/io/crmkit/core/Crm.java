package io.crmkit.core;

import io.crmkit.core.internal.Engine;
import io.crmkit.core.security.Actor;
import java.util.Objects;

/**
 * The entry point: an embedded CRM on the storage it was built with. Immutable and thread-safe; build
 * one per application with {@link #builder()}, share it, and close it on shutdown (which closes the
 * storage). Its services act as the configured default actor; {@link #as(Actor)} gives the same services
 * acting as a user of the host application.
 *
 * <pre>{@code
 * try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).build()) {
 *     Customer c = crm.customers().create(NewCustomer.person("张三").phone("13800138000"));
 *     crm.as(Actor.user("li.si")).interactions().log(c.id(), Interaction.call(Direction.OUTBOUND).subject("回访"));
 * }
 * }</pre>
 */
public final class Crm extends CrmServices implements AutoCloseable {
    private final Engine engine;

    Crm(Engine engine, Actor defaultActor) {
        super(engine, defaultActor);
        this.engine = engine;
    }

    public static CrmBuilder builder() {
        return new CrmBuilder();
    }

    /** The same services acting as a user of the host application. Cheap; no need to cache. */
    public CrmServices as(Actor actor) {
        return new CrmServices(engine, Objects.requireNonNull(actor, "actor"));
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
