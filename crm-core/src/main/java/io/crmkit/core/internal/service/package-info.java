/** The services of the {@link io.crmkit.core.service} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal.service;

import org.jspecify.annotations.NullMarked;
