/**
 * Messaging: email, SMS and voice calls to customers, sent reliably through an outbox and recorded on
 * the customer's timeline. The domain decides what is sent to whom; a {@link
 * io.crmkit.core.messaging.MessageChannel} only moves the bytes.
 */
@NullMarked
package io.crmkit.core.messaging;

import org.jspecify.annotations.NullMarked;
