/**
 * The message outbox and its attachments, claimed by dispatchers with leases.
 */
@NullMarked
package io.crmkit.jdbc.internal.messaging;

import org.jspecify.annotations.NullMarked;
