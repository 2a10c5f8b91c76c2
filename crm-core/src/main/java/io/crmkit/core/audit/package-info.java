/**
 * The audit trail: every change crmkit's services make is recorded as an {@link io.crmkit.core.audit.AuditEntry}
 * in the same transaction as the change: who ({@link io.crmkit.core.security.UserRef} and
 * {@link io.crmkit.core.audit.AuditSource}), when, which record, what was done ({@link io.crmkit.core.audit.AuditAction})
 * and, per changed field, the old and the new value ({@link io.crmkit.core.audit.FieldChange}).
 *
 * <p>Start from {@link io.crmkit.core.audit.AuditService}, obtained as {@code crm.audit()}: the history of a
 * record, what an actor changed in a period, and {@link io.crmkit.core.audit.AuditService#verify(java.time.Instant,
 * java.time.Instant) verify}, which recomputes the hash chains and reports the first broken link.
 *
 * <p>Tamper evidence: entries form a fixed number of hash chains, the <em>streams</em> (a record's entries all go to
 * one stream, chosen from its id), so that writers to different records rarely wait for each other. Each entry
 * carries the SHA-256 hash of its canonical content and the hash of the entry before it in its stream; a head row
 * per stream holds the last sequence and hash, so deleting the newest entries is detected too. Field values enter
 * the entry hash only through salted value hashes, so a person's data can later be erased from the trail (value
 * and salt removed, value hashes kept) and the chain still verifies. Someone who can rewrite the whole database can
 * also rewrite whole chains: hosts that need protection against that record the stream heads
 * ({@link io.crmkit.core.audit.AuditService#heads()}) somewhere the database administrators cannot write.
 *
 * <p>{@link io.crmkit.core.audit.AuditSettings} switches the trail off or sets the number of streams;
 * {@link io.crmkit.core.audit.AuditRepository} is the storage port.
 */
@NullMarked
package io.crmkit.core.audit;

import org.jspecify.annotations.NullMarked;
