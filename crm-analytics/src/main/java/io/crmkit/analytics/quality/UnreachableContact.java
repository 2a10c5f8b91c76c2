package io.crmkit.analytics.quality;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.messaging.ChannelKind;
import java.time.Instant;
import java.util.Optional;

/**
 * A contact point that a message could not reach, and that the customer still has: a bounced email, an SMS to a
 * number the gateway rejected.
 *
 * @param customer the customer
 * @param channel  the channel of the failed message
 * @param address  the address it went to, as the customer still has it
 * @param status   {@link DeliveryStatus#FAILED} or {@link DeliveryStatus#DEAD}
 * @param error    the last error the channel gave, if any
 * @param at       when the message last changed
 */
public record UnreachableContact(CustomerId customer, ChannelKind channel, String address, DeliveryStatus status,
                                 Optional<String> error, Instant at) {
}
