/** The services of the {@link io.crmkit.core.sales} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal.sales;

import org.jspecify.annotations.NullMarked;
