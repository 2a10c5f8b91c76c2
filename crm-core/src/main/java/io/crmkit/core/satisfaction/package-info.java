/** Survey responses: CSAT, NPS and CES scores with their comments. */
@NullMarked
package io.crmkit.core.satisfaction;

import org.jspecify.annotations.NullMarked;
