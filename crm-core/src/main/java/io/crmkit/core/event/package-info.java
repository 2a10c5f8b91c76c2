/**
 * Domain events, in two ways. {@link io.crmkit.core.event.DomainEventListener}s registered on the builder get each
 * event in memory after the transaction that caused it committed: quick, and lost if the JVM dies just then. The
 * event outbox keeps every event durably instead, written by the unit of work that raised it before its commit
 * ({@link io.crmkit.core.event.EventRecord}): {@code crm.events()} reads it by position
 * ({@link io.crmkit.core.event.EventFeed}) or relays it to an {@link io.crmkit.core.event.EventSink} from several
 * JVMs ({@link io.crmkit.core.event.EventRelay}), at least once and in order per record.
 */
@NullMarked
package io.crmkit.core.event;

import org.jspecify.annotations.NullMarked;
