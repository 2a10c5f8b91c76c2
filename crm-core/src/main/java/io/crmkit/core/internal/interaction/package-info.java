/** The services of the {@link io.crmkit.core.interaction} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal.interaction;

import org.jspecify.annotations.NullMarked;
