/**
 * Survey responses (CSAT, NPS, CES).
 */
@NullMarked
package io.crmkit.jdbc.internal.satisfaction;

import org.jspecify.annotations.NullMarked;
