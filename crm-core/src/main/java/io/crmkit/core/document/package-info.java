/**
 * Documents: files kept by the CRM with their versions, owned by a user and a department, linked to the records
 * they are about (customers, service cases, opportunities, tasks) and granted to users and departments to read or
 * edit. Start from {@link io.crmkit.core.document.DocumentService} ({@code crm.documents()}). Content goes through a
 * {@link io.crmkit.core.document.ContentStore}: the storage's own (a table on a database, the heap in memory) or a
 * {@link io.crmkit.core.document.FileSystemContentStore}, chosen with {@link io.crmkit.core.document.DocumentSettings}.
 * Content is streamed in both directions; every download is recorded.
 */
@NullMarked
package io.crmkit.core.document;

import org.jspecify.annotations.NullMarked;
