/** The communication policy services: validation, due dates turned into queries, contact pressure, runs. */
@NullMarked
package io.crmkit.core.internal.policy;

import org.jspecify.annotations.NullMarked;
