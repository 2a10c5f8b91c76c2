/**
 * Tasks with their comments, assignments and status history.
 */
@NullMarked
package io.crmkit.jdbc.internal.task;

import org.jspecify.annotations.NullMarked;
