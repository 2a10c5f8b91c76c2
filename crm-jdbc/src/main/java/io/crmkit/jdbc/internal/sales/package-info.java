/** The JDBC storage of the {@link io.crmkit.core.sales} feature. Internal: no compatibility promise. */
@NullMarked
package io.crmkit.jdbc.internal.sales;

import org.jspecify.annotations.NullMarked;
