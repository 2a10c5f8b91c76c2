/** The users of the host application as crmkit sees them. */
@NullMarked
package io.crmkit.core.security;

import org.jspecify.annotations.NullMarked;
