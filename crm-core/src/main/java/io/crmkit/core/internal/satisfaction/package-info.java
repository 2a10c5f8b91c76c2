/** The services of the {@link io.crmkit.core.satisfaction} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal.satisfaction;

import org.jspecify.annotations.NullMarked;
