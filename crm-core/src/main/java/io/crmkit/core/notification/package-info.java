/**
 * Notices to host users and departments, raised by the CRM itself in the transaction of the change they report: a task
 * assigned, a service case breaching its service level, a mention ({@code @user}) in a task comment, a document shared.
 * Each user reads an inbox ({@code crm.as(user).notifications().inbox(...)}): the notices addressed to them and to
 * their departments, with a read state of their own. {@link NotificationPreferences} say, per {@link NoticeKind}, which
 * notices are also pushed, by email or SMS (through the CRM's message channels, from a queue of their own, quiet hours
 * respected for SMS) or by webhook (a {@link NotificationEvent.PushRequested} in the event outbox).
 *
 * <p>crmkit stores no user directory and no department membership: a user's addresses are given in their preferences,
 * and a department notice reaches whoever acts as a member of that department ({@code Actor.departments()}).
 */
@NullMarked
package io.crmkit.core.notification;

import org.jspecify.annotations.NullMarked;
