/**
 * The webhook feature's implementation: the service, the fan-out of relayed events into deliveries, and the
 * dispatcher that attempts them on the retry schedule.
 */
@NullMarked
package io.crmkit.core.internal.webhook;

import org.jspecify.annotations.NullMarked;
