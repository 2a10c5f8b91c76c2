/** The services of the {@link io.crmkit.core.customer} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal.customer;

import org.jspecify.annotations.NullMarked;
