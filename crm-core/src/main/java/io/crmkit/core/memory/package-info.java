/** {@link io.crmkit.core.memory.InMemoryStorage}: storage in the JVM's heap, for tests, demos and small tools. */
@NullMarked
package io.crmkit.core.memory;

import org.jspecify.annotations.NullMarked;
