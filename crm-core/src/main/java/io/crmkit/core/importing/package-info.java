/**
 * Bulk import: options, progress and the per-row report of {@code customers().importAll(...)} and
 * {@code purchases().importAll(...)}.
 */
@NullMarked
package io.crmkit.core.importing;

import org.jspecify.annotations.NullMarked;
