/**
 * Customers: the {@code customers} table, its seven child tables (written by difference) and the
 * migrations of stored customer data.
 */
@NullMarked
package io.crmkit.jdbc.internal.customer;

import org.jspecify.annotations.NullMarked;
