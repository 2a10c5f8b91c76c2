/**
 * Implementation of the crm-messaging transports: SMTP connection handling, MIME composition, HTTP
 * gateway calls, JSON and failure classification. No compatibility promise; use the builders in
 * {@code io.crmkit.messaging}.
 */
@NullMarked
package io.crmkit.messaging.internal;

import org.jspecify.annotations.NullMarked;
