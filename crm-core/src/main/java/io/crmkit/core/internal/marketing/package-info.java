/** The services of the {@link io.crmkit.core.marketing} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal.marketing;

import org.jspecify.annotations.NullMarked;
