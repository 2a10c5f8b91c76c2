/** Runnable example programs, one {@code main} per scenario; {@link io.crmkit.examples.Demo} is the main demo. */
@NullMarked
package io.crmkit.examples;

import org.jspecify.annotations.NullMarked;
