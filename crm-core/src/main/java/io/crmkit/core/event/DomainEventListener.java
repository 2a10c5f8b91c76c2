package io.crmkit.core.event;

/**
 * Receives domain events after commit, on the thread that made the change. A listener that throws is
 * logged and does not undo the change or stop other listeners.
 */
@FunctionalInterface
public interface DomainEventListener {
    void on(DomainEvent event);
}
