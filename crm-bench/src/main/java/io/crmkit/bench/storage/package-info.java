/** JMH benchmarks of crm-jdbc storage on H2 or PostgreSQL, each beside a plain JDBC baseline. */
@NullMarked
package io.crmkit.bench.storage;

import org.jspecify.annotations.NullMarked;
