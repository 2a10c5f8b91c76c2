/**
 * Purchases (transaction records).
 */
@NullMarked
package io.crmkit.jdbc.internal.commerce;

import org.jspecify.annotations.NullMarked;
