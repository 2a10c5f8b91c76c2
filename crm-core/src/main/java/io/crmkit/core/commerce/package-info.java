/** Purchases: the transaction records customer-value analytics are built on. */
@NullMarked
package io.crmkit.core.commerce;

import org.jspecify.annotations.NullMarked;
