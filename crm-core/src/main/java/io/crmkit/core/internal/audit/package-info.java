/**
 * The audit trail behind {@code crm.audit()}: {@link io.crmkit.core.internal.audit.AuditLog} turns the drafts of
 * each unit of work into chained, hashed entries before it commits; {@link
 * io.crmkit.core.internal.audit.TransactionalAuditService} reads and verifies them.
 */
@NullMarked
package io.crmkit.core.internal.audit;

import org.jspecify.annotations.NullMarked;
