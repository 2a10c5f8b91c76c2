/**
 * Duplicate detection ({@code DuplicateMatcher}: profiles, blocking keys, scoring; names read and compared by
 * the configured {@code NameMatcher}) and the merge service.
 */
@NullMarked
package io.crmkit.core.internal.dedup;

import org.jspecify.annotations.NullMarked;
