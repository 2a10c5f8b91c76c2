/** Implementation details of crm-analytics; no compatibility promise. */
@NullMarked
package io.crmkit.analytics.internal;

import org.jspecify.annotations.NullMarked;
