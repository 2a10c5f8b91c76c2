/**
 * The crmkit facade: {@link io.crmkit.core.Crm}, its builder, paging and the exception hierarchy
 * rooted at {@link io.crmkit.core.CrmException}.
 */
@NullMarked
package io.crmkit.core;

import org.jspecify.annotations.NullMarked;
