/**
 * Customer needs (requirements) and their status history.
 */
@NullMarked
package io.crmkit.jdbc.internal.requirement;

import org.jspecify.annotations.NullMarked;
