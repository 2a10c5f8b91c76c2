/**
 * Duplicate detection for Chinese names written in traditional characters or in pinyin, on ICU4J:
 * {@link io.crmkit.dedup.icu.IcuNameMatcher}, given to {@code DuplicateSettings.builder().nameMatcher(...)}. Without
 * this module crm-core's built-in matcher compares Chinese names by their characters only.
 */
@NullMarked
package io.crmkit.dedup.icu;

import org.jspecify.annotations.NullMarked;
