/**
 * Implementation of the JDBC storage: dialects, migrations, transactions and the repositories. No
 * compatibility promise; use {@link io.crmkit.jdbc.JdbcStorage}.
 */
@NullMarked
package io.crmkit.jdbc.internal;

import org.jspecify.annotations.NullMarked;
