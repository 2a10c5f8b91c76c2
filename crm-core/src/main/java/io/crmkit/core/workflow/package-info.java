/**
 * Status workflows as data: a {@link io.crmkit.core.workflow.Workflow} lists the allowed transitions,
 * a {@link io.crmkit.core.workflow.StatusChange} records one that happened.
 */
@NullMarked
package io.crmkit.core.workflow;

import org.jspecify.annotations.NullMarked;
