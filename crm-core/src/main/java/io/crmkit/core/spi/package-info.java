/**
 * The ports a storage adapter implements: {@link io.crmkit.core.spi.CrmStorage} runs units of work over
 * the repositories of every feature package.
 */
@NullMarked
package io.crmkit.core.spi;

import org.jspecify.annotations.NullMarked;
