/**
 * Duplicate detection ({@code DuplicateMatcher}: profiles, blocking keys, scoring; {@code NameKey}: names as pinyin or
 * Latin tokens) and the merge service.
 */
@NullMarked
package io.crmkit.core.internal.dedup;

import org.jspecify.annotations.NullMarked;
