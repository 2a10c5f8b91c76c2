/** The services of the {@link io.crmkit.core.requirement} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal.requirement;

import org.jspecify.annotations.NullMarked;
