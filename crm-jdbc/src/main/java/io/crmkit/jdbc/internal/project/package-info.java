/** The JDBC storage of the {@link io.crmkit.core.project} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.jdbc.internal.project;

import org.jspecify.annotations.NullMarked;
