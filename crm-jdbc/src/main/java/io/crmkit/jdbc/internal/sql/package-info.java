/**
 * What every feature's repository shares: the statements of one unit of work ({@code Sql}, {@code Row}),
 * the database dialects, the mapping of SQL errors to crmkit's exceptions and keyset paging by due date.
 */
@NullMarked
package io.crmkit.jdbc.internal.sql;

import org.jspecify.annotations.NullMarked;
