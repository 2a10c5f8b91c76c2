/**
 * The engine behind the {@link io.crmkit.core.Crm} facade: units of work, event delivery, components, and the
 * {@link io.crmkit.core.internal.Guard} that applies the access policy to an actor. The
 * services of each feature live in {@code internal.<feature>} beside it. No compatibility promise.
 */
@NullMarked
package io.crmkit.core.internal;

import org.jspecify.annotations.NullMarked;
