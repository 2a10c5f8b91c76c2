/** The JDBC storage of the {@link io.crmkit.core.notification} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.jdbc.internal.notification;

import org.jspecify.annotations.NullMarked;
