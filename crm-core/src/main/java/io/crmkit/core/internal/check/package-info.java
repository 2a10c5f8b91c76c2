/** Validation and id helpers shared by the core's feature packages. No compatibility promise. */
@NullMarked
package io.crmkit.core.internal.check;

import org.jspecify.annotations.NullMarked;
