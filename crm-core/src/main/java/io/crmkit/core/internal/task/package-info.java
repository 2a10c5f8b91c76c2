/** The services of the {@link io.crmkit.core.task} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal.task;

import org.jspecify.annotations.NullMarked;
