/**
 * Implementation of the JDBC storage: the unit-of-work runner that hands each transaction its repositories,
 * and the Flyway migrations. The repositories live in one package per feature, mirroring crm-core
 * ({@code .customer}, {@code .interaction}, {@code .requirement}, {@code .task}, {@code .satisfaction},
 * {@code .commerce}, {@code .messaging}), and share {@code .sql}. No compatibility promise; use
 * {@link io.crmkit.jdbc.JdbcStorage}.
 */
@NullMarked
package io.crmkit.jdbc.internal;

import org.jspecify.annotations.NullMarked;
