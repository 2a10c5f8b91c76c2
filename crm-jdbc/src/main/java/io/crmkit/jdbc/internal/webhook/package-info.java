/** Webhook endpoints, deliveries and the delivery log on JDBC. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.jdbc.internal.webhook;

import org.jspecify.annotations.NullMarked;
