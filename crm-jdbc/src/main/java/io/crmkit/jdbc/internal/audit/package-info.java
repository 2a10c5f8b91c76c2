/** The audit trail's tables: {@code audit_entries} and {@code audit_heads}. */
@NullMarked
package io.crmkit.jdbc.internal.audit;

import org.jspecify.annotations.NullMarked;
