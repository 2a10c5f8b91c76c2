/** Storage of the {@link io.crmkit.core.policy} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.jdbc.internal.policy;

import org.jspecify.annotations.NullMarked;
