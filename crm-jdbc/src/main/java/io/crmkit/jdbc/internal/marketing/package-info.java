/** Storage of the {@link io.crmkit.core.marketing} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.jdbc.internal.marketing;

import org.jspecify.annotations.NullMarked;
