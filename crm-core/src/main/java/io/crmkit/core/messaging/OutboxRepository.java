package io.crmkit.core.messaging;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerReferences;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.security.AccessScope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage port for the outbox. {@link #claimDue} must be safe with several dispatchers, in one JVM or
 * many, on one database: a message claimed by one is not claimed by another until its lease ends
 * (JDBC: {@code SELECT ... FOR UPDATE SKIP LOCKED} inside the claiming transaction).
 */
public interface OutboxRepository extends CustomerReferences {
    /**
     * Stores a new message.
     *
     * @throws io.crmkit.core.ConflictException if its id or idempotency key is taken
     */
    void insert(OutboxMessage message);

    Optional<OutboxMessage> findById(MessageId id);

    /** The message with this id; {@link NotFoundException} if there is none. */
    default OutboxMessage require(MessageId id) {
        return findById(id).orElseThrow(() -> new NotFoundException("no message " + id));
    }

    Optional<OutboxMessage> findByIdempotencyKey(String key);

    /**
     * The message the provider knows by this id, the newest (by creation time, then id) if several carry
     * it: provider ids need not be unique, since two gateways may hand out the same ones.
     */
    Optional<OutboxMessage> findByProviderMessageId(String providerMessageId);

    /**
     * Leases up to {@code limit} QUEUED messages whose {@code nextAttemptAt} is not after {@code now} and
     * whose lease is absent or over, oldest {@code nextAttemptAt} first, setting their lease to
     * {@code leaseUntil} (and their version one up). Returns them as stored after the lease.
     */
    List<OutboxMessage> claimDue(Instant now, int limit, Instant leaseUntil);

    /**
     * Replaces a message whose stored version is {@code message.version() - 1}.
     *
     * @throws io.crmkit.core.ConflictException if the stored version differs
     * @throws io.crmkit.core.NotFoundException if there is no such message
     */
    void update(OutboxMessage message);

    /** Messages in a status that the scope admits (by their customer), in id order: the dead letters, the refusals. */
    Page<OutboxMessage> byStatus(DeliveryStatus status, AccessScope scope, PageRequest page);
}
