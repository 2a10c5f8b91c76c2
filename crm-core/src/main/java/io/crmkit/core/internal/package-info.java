/** Service implementations behind the {@link io.crmkit.core.Crm} facade. No compatibility promise. */
@NullMarked
package io.crmkit.core.internal;

import org.jspecify.annotations.NullMarked;
