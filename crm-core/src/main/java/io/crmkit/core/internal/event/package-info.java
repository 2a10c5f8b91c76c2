/**
 * The services of the {@link io.crmkit.core.event} feature: the event feed and the relays. Internal: no
 * compatibility promise.
 */
@NullMarked
package io.crmkit.core.internal.event;

import org.jspecify.annotations.NullMarked;
