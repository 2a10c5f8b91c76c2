/** The services of the {@link io.crmkit.core.notification} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal.notification;

import org.jspecify.annotations.NullMarked;
