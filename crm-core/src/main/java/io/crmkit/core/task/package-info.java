/**
 * Collaboration across departments: tasks assigned to users and departments, with progress,
 * comments, and the history of assignments and status changes.
 */
@NullMarked
package io.crmkit.core.task;

import org.jspecify.annotations.NullMarked;
