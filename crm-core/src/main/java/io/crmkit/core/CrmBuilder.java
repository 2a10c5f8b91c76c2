package io.crmkit.core;

import io.crmkit.core.event.DomainEventListener;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.requirement.RequirementStatus;
import io.crmkit.core.security.Actor;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.task.TaskStatus;
import io.crmkit.core.workflow.Workflow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link Crm}. Storage is required; everything else has a default. Not thread-safe;
 * {@link #build()} fails fast on a bad configuration.
 */
public final class CrmBuilder {
    private @Nullable CrmStorage storage;
    private Clock clock = Clock.systemUTC();
    private Actor defaultActor = Actor.SYSTEM;
    private String defaultRegion = "CN";
    private Workflow<RequirementStatus> requirementWorkflow = RequirementStatus.DEFAULT_WORKFLOW;
    private Workflow<TaskStatus> taskWorkflow = TaskStatus.DEFAULT_WORKFLOW;
    private final List<DomainEventListener> listeners = new ArrayList<>();

    CrmBuilder() {
    }

    /** Where data lives: {@code InMemoryStorage.create()}, {@code JdbcStorage.embedded(path)}, ... */
    public CrmBuilder storage(CrmStorage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
        return this;
    }

    /** The clock for every timestamp; inject a fixed one in tests. Default: system UTC. */
    public CrmBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Who calls act as without {@link Crm#as(Actor)}. Default: {@link Actor#SYSTEM}. */
    public CrmBuilder defaultActor(Actor actor) {
        this.defaultActor = Objects.requireNonNull(actor, "actor");
        return this;
    }

    /**
     * The region (ISO 3166 alpha-2) whose national phone numbers are understood without a country code.
     * Default: CN, so {@code 13800138000} becomes {@code +8613800138000}.
     */
    public CrmBuilder defaultRegion(String region) {
        Objects.requireNonNull(region, "region");
        if (!PhoneNumber.knowsRegion(region)) {
            throw new IllegalArgumentException("unknown phone region: " + region);
        }
        this.defaultRegion = region.toUpperCase(Locale.ROOT);
        return this;
    }

    /** Replaces the workflow of customer needs. */
    public CrmBuilder requirementWorkflow(Workflow<RequirementStatus> workflow) {
        this.requirementWorkflow = Objects.requireNonNull(workflow, "workflow");
        return this;
    }

    /** Replaces the workflow of tasks. */
    public CrmBuilder taskWorkflow(Workflow<TaskStatus> workflow) {
        this.taskWorkflow = Objects.requireNonNull(workflow, "workflow");
        return this;
    }

    /** Adds a listener for domain events, called after commit in registration order. */
    public CrmBuilder listener(DomainEventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** @throws IllegalStateException if no storage was set */
    public Crm build() {
        if (storage == null) {
            throw new IllegalStateException(
                    "no storage: call storage(InMemoryStorage.create()) or storage(JdbcStorage.embedded(path))");
        }
        Engine engine = new Engine(storage, clock, defaultRegion, requirementWorkflow, taskWorkflow, listeners);
        return new Crm(engine, defaultActor);
    }
}
