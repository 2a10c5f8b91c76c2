/** The JDBC storage of {@link io.crmkit.core.document}: documents and the database content store. Internal. */
@NullMarked
package io.crmkit.jdbc.internal.document;

import org.jspecify.annotations.NullMarked;
