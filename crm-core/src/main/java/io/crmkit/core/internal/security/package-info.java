/** Access control as the services apply it: one {@link io.crmkit.core.internal.security.Guard} per actor. */
@NullMarked
package io.crmkit.core.internal.security;

import org.jspecify.annotations.NullMarked;
