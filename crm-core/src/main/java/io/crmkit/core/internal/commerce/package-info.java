/** The services of the {@link io.crmkit.core.commerce} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal.commerce;

import org.jspecify.annotations.NullMarked;
