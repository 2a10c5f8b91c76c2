/** JMH benchmarks of crm-analytics (customer value models, satisfaction metrics, text analysis), each beside a hand-written baseline. */
@NullMarked
package io.crmkit.bench.analytics;

import org.jspecify.annotations.NullMarked;
