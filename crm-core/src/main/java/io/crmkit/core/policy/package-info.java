/**
 * Communication policies: a {@link io.crmkit.core.policy.CommunicationPolicy} says whom to contact (a target segment,
 * a saved {@link io.crmkit.core.customer.CustomerQuery}), why, by which {@link io.crmkit.core.policy.ContactMethod},
 * how often ({@link io.crmkit.core.policy.Cadence}), by whom and when. Start from
 * {@link io.crmkit.core.policy.PolicyService} ({@code crm.policies()}): {@code due} lists who to contact on a date,
 * {@code execute} turns them into tasks and messages, at most once per policy, customer and date, within the contact
 * pressure of {@link io.crmkit.core.policy.PolicySettings} and outside pause windows; {@code effectiveness} reports on
 * the contacts made. Storage implements {@link io.crmkit.core.policy.PolicyRepository}.
 */
@NullMarked
package io.crmkit.core.policy;

import org.jspecify.annotations.NullMarked;
