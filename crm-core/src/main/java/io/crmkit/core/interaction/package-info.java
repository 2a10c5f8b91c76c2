/**
 * The communication log: visits, calls, emails, SMS, meetings and chats with a customer, read back
 * as the customer's timeline.
 */
@NullMarked
package io.crmkit.core.interaction;

import org.jspecify.annotations.NullMarked;
