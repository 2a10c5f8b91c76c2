/** The services of the {@link io.crmkit.core.importing} import batching shared by customers and purchases feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal.importing;

import org.jspecify.annotations.NullMarked;
