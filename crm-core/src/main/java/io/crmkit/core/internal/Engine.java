package io.crmkit.core.internal;

import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.event.DomainEventListener;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.spi.UnitOfWork;
import io.crmkit.core.workflow.Workflow;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every service of one Crm shares: storage, clock, settings, event delivery, and the long-lived parts
 * of features (such as the messaging dispatcher) registered as components.
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /**
     * Lives as long as its Crm: started after the Crm is built, closed (in reverse order of registration)
     * when it closes.
     */
    public interface Component extends AutoCloseable {
        default void start() {
        }

        @Override
        void close();
    }

    /**
     * Reacts to the domain events of a unit of work inside its transaction, just before it commits: what it writes
     * and the events it raises commit (or roll back) with the change that raised them. Raised events are offered to
     * the reactors too, so a reactor ignores its own. Registered with {@link #react(Reactor)}.
     */
    @FunctionalInterface
    public interface Reactor {
        void react(Tx tx, DomainEvent event);
    }

    /**
     * Where the audit drafts of a unit of work go when it ends, inside its transaction: the audit trail
     * ({@code internal.audit.AuditLog}).
     */
    public interface Journal {
        void append(Repositories repos, List<AuditDraft> drafts);
    }

    /**
     * The events raised by the write units of work of the outermost unit of work running on this thread,
     * published when it commits, so a service call inside an enclosing unit of work never publishes before
     * (or despite) the enclosing commit.
     */
    private final ThreadLocal<@Nullable Pending> pending = new ThreadLocal<>();
    /** Set while {@code crm.read(...)} runs on this thread: writes are refused. */
    private final ThreadLocal<@Nullable Boolean> readOnly = new ThreadLocal<>();
    /** The repositories of the unit of work a {@code crm.read(...)} or {@code crm.inTransaction(...)} opened. */
    private final ThreadLocal<@Nullable Repositories> scope = new ThreadLocal<>();
    private final CrmStorage storage;
    private final Clock clock;
    private final String defaultRegion;
    private final Map<Class<?>, Workflow<?>> workflows;
    private final List<DomainEventListener> listeners;
    private final AccessPolicy access;
    /** Filled while the Crm is built, then frozen by {@link #start()}. */
    private volatile List<Reactor> reactors = new ArrayList<>();
    /** Filled while the Crm is built, then frozen by {@link #start()}: read from any thread after. */
    private volatile Map<Class<?>, Component> components = new LinkedHashMap<>();
    /** The audit trail, if it is on; set while the Crm is built. */
    private volatile @Nullable Journal journal;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param workflows the workflow of each status type
     */
    public Engine(CrmStorage storage, Clock clock, String defaultRegion, Map<Class<?>, Workflow<?>> workflows,
                  List<DomainEventListener> listeners, AccessPolicy access) {
        this.storage = new EventScope(storage);
        this.clock = clock;
        this.defaultRegion = defaultRegion;
        this.workflows = Map.copyOf(workflows);
        this.listeners = List.copyOf(listeners);
        this.access = access;
    }

    /** The access policy applied to an actor: what every service of {@code crm.as(actor)} checks. */
    public Guard guard(Actor actor) {
        return new Guard(access, actor);
    }

    /** Registers a feature's long-lived part, found again with {@link #component(Class)}. Before {@link #start()} only. */
    public <C extends Component> C register(Class<C> type, C component) {
        if (started.get()) {
            throw new IllegalStateException("components are registered before the engine starts");
        }
        if (components.putIfAbsent(type, component) != null) {
            throw new IllegalStateException("a " + type.getSimpleName() + " is already registered");
        }
        return component;
    }

    /** Adds a reactor to the events of every write unit of work. Before {@link #start()} only. */
    public void react(Reactor reactor) {
        if (started.get()) {
            throw new IllegalStateException("reactors are added before the engine starts");
        }
        reactors.add(Objects.requireNonNull(reactor, "reactor"));
    }

    /** Sends the audit drafts of every write unit of work to {@code journal}. Before {@link #start()} only. */
    public void journal(Journal journal) {
        if (started.get()) {
            throw new IllegalStateException("the journal is set before the engine starts");
        }
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    public <C extends Component> C component(Class<C> type) {
        Component c = components.get(type);
        if (c == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " registered");
        }
        return type.cast(c);
    }

    /**
     * Starts the registered components (background work such as the outbox dispatcher). If one fails to
     * start, everything is closed again, the storage too, and the failure is rethrown.
     */
    public void start() {
        if (started.compareAndSet(false, true)) {
            components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
            reactors = List.copyOf(reactors);
            try {
                components.values().forEach(Component::start);
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }
    }

    /** Whether this thread is inside a unit of work of this CRM ({@code crm.inTransaction} or {@code crm.read}). */
    public boolean inUnitOfWork() {
        return pending.get() != null || readOnly.get() != null;
    }

    /**
     * One transaction; its events reach the listeners only after it committed: at once, or, inside an
     * enclosing unit of work, after that one committed.
     *
     * @throws IllegalStateException inside {@code crm.read(...)}
     */
    public <T> T write(Function<Tx, T> work) {
        return storage.inTransaction(repos -> {
            Tx tx = new Tx(repos, clock.instant());
            T result = work.apply(tx);
            Objects.requireNonNull(pending.get(), "a write runs inside the event scope").add(tx);
            return result;
        });
    }

    /**
     * One write that loads a record, changes it and stores the result: the shape of every change to an
     * aggregate. Returns the stored record.
     */
    public <R> R change(Function<Repositories, R> load, BiFunction<R, Tx, R> change, BiConsumer<Repositories, R> store) {
        return write(tx -> {
            R changed = change.apply(load.apply(tx.repos()), tx);
            store.accept(tx.repos(), changed);
            return changed;
        });
    }

    /** Records one change of a record in the audit trail: see {@link Tx#audit}. */
    @FunctionalInterface
    public interface Audit<R> {
        void record(Tx tx, R before, R after);
    }

    /** As {@link #change(Function, BiFunction, BiConsumer)}, recording the change with {@code audit}. */
    public <R> R change(Function<Repositories, R> load, BiFunction<R, Tx, R> change, BiConsumer<Repositories, R> store,
                        Audit<R> audit) {
        return change(load, (before, tx) -> {
            R after = change.apply(before, tx);
            audit.record(tx, before, after);
            return after;
        }, store);
    }

    /** Reads in the enclosing scope's unit of work, or in a read unit of work of its own. */
    public <T> T read(Function<Repositories, T> work) {
        Repositories enclosing = scope.get();
        return enclosing != null ? work.apply(enclosing) : storage.read(work::apply);
    }

    /**
     * Runs {@code work} in one write unit of work whose repositories every read inside it uses; the writes
     * inside it join it.
     */
    public <T> T writeScope(Supplier<T> work) {
        return write(tx -> withScope(tx.repos(), work));
    }

    private <T> T withScope(Repositories repos, Supplier<T> work) {
        Repositories enclosing = scope.get();
        scope.set(repos);
        try {
            return work.get();
        } finally {
            if (enclosing == null) {
                scope.remove();
            } else {
                scope.set(enclosing);
            }
        }
    }

    /**
     * Runs {@code work} in one read unit of work: every service call inside it reads through the same
     * transaction, and writes are refused.
     */
    public <T> T readScope(Supplier<T> work) {
        if (readOnly.get() != null) {
            return work.get();
        }
        return storage.read(repos -> {
            readOnly.set(Boolean.TRUE);
            try {
                return withScope(repos, work);
            } finally {
                readOnly.remove();
            }
        });
    }

    /** The storage for a component's own units of work (the dispatcher's claims); services use {@link #write}. */
    public CrmStorage storage() {
        return storage;
    }

    public Clock clock() {
        return clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The region whose national phone numbers are understood without a country code. */
    public String defaultRegion() {
        return defaultRegion;
    }

    /** The workflow of records with this status type: the configured one or the feature's default. */
    @SuppressWarnings("unchecked") // the builder files each workflow under its own type
    public <S extends Enum<S>> Workflow<S> workflow(Class<S> statusType) {
        Workflow<?> w = workflows.get(statusType);
        if (w == null) {
            throw new IllegalStateException("no workflow for " + statusType.getSimpleName());
        }
        return (Workflow<S>) w;
    }

    public void close() {
        if (closed.compareAndSet(false, true)) {
            List<Component> reversed = new ArrayList<>(components.values());
            java.util.Collections.reverse(reversed);
            try {
                for (Component c : reversed) {
                    try {
                        c.close();
                    } catch (RuntimeException e) {
                        LOG.warn("closing {} failed", c, e);
                    }
                }
            } finally {
                storage.close();
            }
        }
    }

    private void afterCommit(Pending committed) {
        publish(committed.events);
        for (Runnable action : committed.actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("an action after commit failed", e);
            }
        }
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

    /** What the write units of work of one outermost unit of work leave for after its commit. */
    private static final class Pending {
        final List<DomainEvent> events = new ArrayList<>();
        final List<Runnable> actions = new ArrayList<>();

        final List<AuditDraft> audit = new ArrayList<>();

        void add(Tx tx) {
            events.addAll(tx.events);
            actions.addAll(tx.afterCommit);
            audit.addAll(tx.audit);
        }

        void addAll(Pending nested) {
            events.addAll(nested.events);
            actions.addAll(nested.actions);
            audit.addAll(nested.audit);
        }
    }

    /**
     * The storage as the services use it: refuses writes inside {@code crm.read(...)} and collects events and
     * after-commit actions per outermost unit of work.
     */
    private final class EventScope implements CrmStorage {
        private final CrmStorage delegate;

        EventScope(CrmStorage delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T inTransaction(UnitOfWork<T> work) {
            if (readOnly.get() != null) {
                throw new IllegalStateException("crm.read(...) is read-only: make changes outside it");
            }
            Pending enclosing = pending.get();
            if (enclosing != null) {
                // joins the enclosing unit of work; what it leaves for after commit is kept only if it succeeds
                Pending nested = new Pending();
                pending.set(nested);
                try {
                    T result = delegate.inTransaction(work);
                    enclosing.addAll(nested);
                    return result;
                } finally {
                    pending.set(enclosing);
                }
            }
            Pending scope = new Pending();
            pending.set(scope);
            T result;
            try {
                result = delegate.inTransaction(repos -> {
                    T done = work.run(repos);
                    react(repos, scope);
                    Journal j = journal;
                    if (j != null && !scope.audit.isEmpty()) {
                        // last, so that the stream heads it locks are held only until the commit right after
                        j.append(repos, scope.audit);
                    }
                    if (!scope.events.isEmpty()) {
                        // after the journal, always in this order: the position counter is the last lock taken
                        OutboxEvents.append(repos.events(), scope.events, scope.audit, clock);
                    }
                    return done;
                });
            } finally {
                pending.remove();
            }
            afterCommit(scope); // only reached when the unit of work committed
            return result;
        }

        /** Offers every event of the unit of work to the reactors, the ones they raise too, in one transaction. */
        private void react(Repositories repos, Pending scope) {
            List<Reactor> all = reactors;
            if (all.isEmpty()) {
                return;
            }
            for (int i = 0; i < scope.events.size(); i++) { // grows while it runs: reactions raise events
                DomainEvent event = scope.events.get(i);
                Tx tx = new Tx(repos, clock.instant());
                for (Reactor r : all) {
                    r.react(tx, event);
                }
                scope.add(tx);
            }
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
    public static final class Tx {
        private final Repositories repos;
        private final Instant now;
        private final List<DomainEvent> events = new ArrayList<>();
        private final List<Runnable> afterCommit = new ArrayList<>();
        private final List<AuditDraft> audit = new ArrayList<>(1);

        Tx(Repositories repos, Instant now) {
            this.repos = repos;
            this.now = now;
        }

        public Repositories repos() {
            return repos;
        }

        /** The one time of this transaction: every timestamp it writes. */
        public Instant now() {
            return now;
        }

        public void raise(DomainEvent event) {
            events.add(event);
        }

        /**
         * Records a change made through a service call in the audit trail, in this transaction: the trail writes
         * it when the outermost unit of work ends, just before its commit, and never if it rolls back.
         * {@code changes} is computed then (and for the changed field names of the unit of work's events). The entry point of every
         * write: shares, exports, erasures and merges record themselves here too.
         */
        public void audit(UserRef actor, RecordKind kind, UUID recordId, AuditAction action,
                          Supplier<List<AuditChain.Change>> changes) {
            audit(AuditSource.API, actor, kind, recordId, action, changes);
        }

        /** As {@link #audit(UserRef, RecordKind, UUID, AuditAction, Supplier)}, for a change that came in another way. */
        public void audit(AuditSource source, UserRef actor, RecordKind kind, UUID recordId, AuditAction action,
                          Supplier<List<AuditChain.Change>> changes) {
            // kept with the trail off too: the event outbox names the changed fields from them
            audit.add(new AuditDraft(now, actor, source, kind, recordId, action, once(changes)));
        }

        /** {@code changes}, computed at most once: the trail and the event outbox both read it. */
        private static Supplier<List<AuditChain.Change>> once(Supplier<List<AuditChain.Change>> changes) {
            List<List<AuditChain.Change>> computed = new ArrayList<>(1);
            return () -> {
                if (computed.isEmpty()) {
                    computed.add(changes.get());
                }
                return computed.get(0);
            };
        }

        /** Runs {@code action} once the outermost unit of work committed; never if it rolled back. */
        public void afterCommit(Runnable action) {
            afterCommit.add(action);
        }
    }
}
