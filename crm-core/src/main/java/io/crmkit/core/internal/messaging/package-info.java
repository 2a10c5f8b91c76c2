/** The services of the {@link io.crmkit.core.messaging} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal.messaging;

import org.jspecify.annotations.NullMarked;
