/**
 * Domain events, delivered to listeners registered on the builder after the transaction that
 * caused them committed.
 */
@NullMarked
package io.crmkit.core.event;

import org.jspecify.annotations.NullMarked;
