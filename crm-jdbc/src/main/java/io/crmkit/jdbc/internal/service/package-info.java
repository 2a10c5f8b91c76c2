/**
 * Service cases with their status history and links.
 */
@NullMarked
package io.crmkit.jdbc.internal.service;

import org.jspecify.annotations.NullMarked;
