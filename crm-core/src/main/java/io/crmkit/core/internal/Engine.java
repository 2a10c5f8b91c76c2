package io.crmkit.core.internal;

import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.event.DomainEventListener;
import io.crmkit.core.requirement.RequirementStatus;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.spi.UnitOfWork;
import io.crmkit.core.task.TaskStatus;
import io.crmkit.core.workflow.Workflow;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every service of one Crm shares: storage, clock, configuration, event delivery. */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /**
     * The events raised by the write units of work of the outermost unit of work running on this thread,
     * published when it commits. Keeps a service call inside a host's {@code crm.storage().inTransaction(...)}
     * from publishing before (or despite) the enclosing commit.
     */
    private final ThreadLocal<List<DomainEvent>> pending = new ThreadLocal<>();
    private final CrmStorage storage;
    private final Clock clock;
    private final String defaultRegion;
    private final Workflow<RequirementStatus> requirementWorkflow;
    private final Workflow<TaskStatus> taskWorkflow;
    private final List<DomainEventListener> listeners;
    private final MessagingConfig messaging;
    private final Dispatcher dispatcher;
    private final AtomicBoolean closed = new AtomicBoolean();

    public Engine(CrmStorage storage, Clock clock, String defaultRegion, Workflow<RequirementStatus> requirementWorkflow,
                  Workflow<TaskStatus> taskWorkflow, List<DomainEventListener> listeners, MessagingConfig messaging) {
        this.storage = new EventScope(storage);
        this.clock = clock;
        this.defaultRegion = defaultRegion;
        this.requirementWorkflow = requirementWorkflow;
        this.taskWorkflow = taskWorkflow;
        this.listeners = List.copyOf(listeners);
        this.messaging = messaging;
        this.dispatcher = new Dispatcher(this, messaging);
    }

    /** Starts background work (the outbox dispatcher, if configured). */
    public void start() {
        dispatcher.start();
    }

    MessagingConfig messaging() {
        return messaging;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * One transaction; its events reach the listeners only after it committed: at once, or, inside an
     * enclosing unit of work, after that one committed.
     */
    <T> T write(Function<Tx, T> work) {
        return storage.inTransaction(repos -> {
            Tx tx = new Tx(repos, clock.instant());
            T result = work.apply(tx);
            pending.get().addAll(tx.events);
            return result;
        });
    }

    <T> T read(Function<Repositories, T> work) {
        return storage.read(work::apply);
    }

    private void publish(List<DomainEvent> events) {
        for (DomainEvent event : events) {
            for (DomainEventListener listener : listeners) {
                try {
                    listener.on(event);
                } catch (RuntimeException e) {
                    LOG.warn("domain event listener {} failed on {}", listener, event.getClass().getSimpleName(), e);
                }
            }
        }
    }

    public CrmStorage storage() {
        return storage;
    }

    public Clock clock() {
        return clock;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    String defaultRegion() {
        return defaultRegion;
    }

    Workflow<RequirementStatus> requirementWorkflow() {
        return requirementWorkflow;
    }

    Workflow<TaskStatus> taskWorkflow() {
        return taskWorkflow;
    }

    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                dispatcher.close();
            } finally {
                storage.close();
            }
        }
    }

    /** The storage as the services and {@code Crm.storage()} use it: collects events per outermost unit of work. */
    private final class EventScope implements CrmStorage {
        private final CrmStorage delegate;

        EventScope(CrmStorage delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T inTransaction(UnitOfWork<T> work) {
            if (pending.get() != null) {
                return delegate.inTransaction(work); // joins the enclosing unit of work and its events
            }
            List<DomainEvent> events = new ArrayList<>();
            pending.set(events);
            T result;
            try {
                result = delegate.inTransaction(work);
            } finally {
                pending.remove();
            }
            publish(events); // only reached when the unit of work committed
            return result;
        }

        @Override
        public <T> T read(UnitOfWork<T> work) {
            return delegate.read(work);
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }

    /** The state of one write transaction: its repositories, its time, the events it raised. */
    static final class Tx {
        final Repositories repos;
        final Instant now;
        final List<DomainEvent> events = new ArrayList<>();

        Tx(Repositories repos, Instant now) {
            this.repos = repos;
            this.now = now;
        }

        void raise(DomainEvent event) {
            events.add(event);
        }
    }
}
