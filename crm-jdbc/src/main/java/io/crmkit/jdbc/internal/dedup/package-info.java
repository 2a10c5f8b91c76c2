/** The merge history of customers in {@code merges}, {@code merge_losers} and {@code merge_items}. */
@NullMarked
package io.crmkit.jdbc.internal.dedup;

import org.jspecify.annotations.NullMarked;
