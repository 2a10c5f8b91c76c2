/** Record shares and what an actor may do: {@code crm.access()}, over the kernel's {@link io.crmkit.core.internal.Guard}. */
@NullMarked
package io.crmkit.core.internal.security;

import org.jspecify.annotations.NullMarked;
