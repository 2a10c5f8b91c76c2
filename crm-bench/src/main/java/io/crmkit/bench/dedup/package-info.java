/** Duplicate detection over many generated customers with seeded duplicates, beside a plain-Java blocking baseline. */
@NullMarked
package io.crmkit.bench.dedup;

import org.jspecify.annotations.NullMarked;
