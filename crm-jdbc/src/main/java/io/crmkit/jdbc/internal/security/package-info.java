/** Record shares: the {@code shares} table, one row per record and grantee. */
@NullMarked
package io.crmkit.jdbc.internal.security;

import org.jspecify.annotations.NullMarked;
