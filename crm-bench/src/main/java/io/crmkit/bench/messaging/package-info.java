/** JMH benchmarks of the messaging channels against in-JVM servers, each beside a hand-written baseline. */
@NullMarked
package io.crmkit.bench.messaging;

import org.jspecify.annotations.NullMarked;
