/** The event outbox on JDBC. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.jdbc.internal.event;

import org.jspecify.annotations.NullMarked;
