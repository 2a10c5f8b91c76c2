/** The services of the {@link io.crmkit.core.document} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal.document;

import org.jspecify.annotations.NullMarked;
