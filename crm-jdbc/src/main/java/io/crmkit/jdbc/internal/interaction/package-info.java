/**
 * Interactions (the communication log) and their links to other records.
 */
@NullMarked
package io.crmkit.jdbc.internal.interaction;

import org.jspecify.annotations.NullMarked;
