/**
 * Bulk import in batches ({@link io.crmkit.core.importing}), shared by the customer and purchase services.
 * Internal: no compatibility promise.
 */
@NullMarked
package io.crmkit.core.internal.importing;

import org.jspecify.annotations.NullMarked;
