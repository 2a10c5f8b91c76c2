/**
 * Customer records: people and organisations, their contact points, tags, custom attributes,
 * consent per channel and references to the host system's records.
 */
@NullMarked
package io.crmkit.core.customer;

import org.jspecify.annotations.NullMarked;
