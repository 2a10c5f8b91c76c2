/** The services of the {@link io.crmkit.core.project} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal.project;

import org.jspecify.annotations.NullMarked;
