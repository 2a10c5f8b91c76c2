/**
 * Customer needs tracked as a workflow from discovery to resolution, with every status change
 * recorded.
 */
@NullMarked
package io.crmkit.core.requirement;

import org.jspecify.annotations.NullMarked;
