/**
 * Service cases (tickets): a customer's problem or request from the moment it comes in (by phone, email, web,
 * chat, a survey or feedback) until it is closed. A {@link io.crmkit.core.service.ServiceCase} has a host-defined
 * type, a {@link io.crmkit.core.workflow.Priority}, an assignee (user or department), links to the customer's
 * interactions and needs, an optional parent case, and a status moved through a
 * {@link io.crmkit.core.workflow.Workflow} ({@link io.crmkit.core.service.ServiceCaseStatus#DEFAULT_WORKFLOW})
 * with every change recorded. Start from {@link io.crmkit.core.service.ServiceCaseService}, {@code crm.cases()}.
 * Service levels, work calendars and assignment rules build on the status history; they are not here yet.
 */
@NullMarked
package io.crmkit.core.service;

import org.jspecify.annotations.NullMarked;
