/**
 * Service cases (tickets): a customer's problem or request from the moment it comes in (by phone, email, web,
 * chat, a survey or feedback) until it is closed. A {@link io.crmkit.core.service.ServiceCase} has a host-defined
 * type, a {@link io.crmkit.core.workflow.Priority}, an assignee (user or department), links to the customer's
 * interactions and needs, an optional parent case, and a status moved through a
 * {@link io.crmkit.core.workflow.Workflow} ({@link io.crmkit.core.service.ServiceCaseStatus#DEFAULT_WORKFLOW})
 * with every change recorded. Start from {@link io.crmkit.core.service.ServiceCaseService}, {@code crm.cases()}.
 * Service levels: {@link io.crmkit.core.service.SlaPolicy} in {@link io.crmkit.core.service.ServiceSettings}, clocks
 * computed from the status history and {@link io.crmkit.core.service.CaseResponses} ({@code crm.cases().sla(id)},
 * {@link io.crmkit.core.service.SlaStatus}), stored marks ({@link io.crmkit.core.service.SlaMarks}) for the due and
 * breach lists, the monitor ({@code checkSla()}) and {@link io.crmkit.core.service.ServiceStats}. Assignment rules are
 * not here yet.
 */
@NullMarked
package io.crmkit.core.service;

import org.jspecify.annotations.NullMarked;
