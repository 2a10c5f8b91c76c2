/**
 * The crmkit facade: {@link io.crmkit.core.Crm}, its builder, the services it hands out
 * ({@link io.crmkit.core.CrmServices}), paging, validation and the exception hierarchy rooted at
 * {@link io.crmkit.core.CrmException}.
 *
 * <h2>Conventions every service follows</h2>
 *
 * <p>Verbs:
 * <ul>
 *   <li>{@code get(id)} returns an {@code Optional}; {@code require(id)} returns the record or throws
 *       {@link io.crmkit.core.NotFoundException}.</li>
 *   <li>{@code find<By>(key)} looks up one record by a unique key other than its id
 *       ({@code findByExternalRef}) and returns an {@code Optional}.</li>
 *   <li>{@code search(query, page)} returns a {@link io.crmkit.core.Page} of the records matching a query;
 *       named lists ({@code overdue(page)}, {@code ofCustomer(id, page)}) are searches with a fixed query.
 *       Nothing returns an unbounded list.</li>
 *   <li>{@code create(form)}, {@code update(edit)} and {@code archive(id)} for records that change;
 *       {@code log} (interactions) and {@code record} (survey answers, purchases) for facts that are only
 *       ever added.</li>
 *   <li>{@code transition(id, to, comment)} moves a record through its {@link io.crmkit.core.workflow.Workflow};
 *       shortcuts such as {@code start} or {@code resolve} call it.</li>
 *   <li>{@code importAll(rows, options)} for bulk loads, batch by batch.</li>
 *   <li>Domain verbs for one change of one record, named as the business names it: {@code setConsent},
 *       {@code assign}, {@code progress}, {@code comment}, {@code retry}, {@code reportDelivery};
 *       {@code dispatchPending} runs the outbox. Each is one transaction like the rest.</li>
 * </ul>
 *
 * <p>Lists of records assigned to someone are {@code assignedToUser(user, page)} and
 * {@code assignedToDepartment(department, page)}, open records only.
 *
 * <p>Every call is one transaction; {@link io.crmkit.core.CrmServices#inTransaction} groups several and
 * {@link io.crmkit.core.CrmServices#read} reads through one unit of work. Bad input throws
 * {@link io.crmkit.core.ValidationException} naming every bad field and writes nothing.
 *
 * <h2>Configuration errors</h2>
 *
 * <p>Every crmkit builder ({@link io.crmkit.core.CrmBuilder}, the messaging settings, the workflow
 * builder, the channels, {@code JdbcStorage.builder()}) follows one rule: a setter given {@code null}
 * throws {@link java.lang.NullPointerException} naming the parameter at once; every other bad setting is
 * collected, and {@code build()} throws one {@link io.crmkit.core.ValidationException} naming each bad
 * setting (the violation's field) and the rule it breaks (its code). Configuration values without a
 * builder ({@code RetryPolicy}, {@code QuietHours}, {@code ImportOptions}) throw that exception from the
 * constructor or method that was given the bad value. {@link io.crmkit.core.Checks} is the helper they
 * share.
 */
@NullMarked
package io.crmkit.core;

import org.jspecify.annotations.NullMarked;
