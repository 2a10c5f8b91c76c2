/**
 * crmkit's storage on relational databases: {@link io.crmkit.jdbc.JdbcStorage} on embedded H2,
 * PostgreSQL, MariaDB and MySQL, with Flyway migrations and a HikariCP pool of its own or the host's
 * {@link javax.sql.DataSource}.
 */
@NullMarked
package io.crmkit.jdbc;

import org.jspecify.annotations.NullMarked;
