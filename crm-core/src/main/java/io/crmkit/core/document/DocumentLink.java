package io.crmkit.core.document;

import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.sales.OpportunityId;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.service.ServiceCaseId;
import io.crmkit.core.task.TaskId;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A record a document is about: a customer, a service case, an opportunity or a task.
 *
 * @param kind     one of {@link #KINDS}
 * @param recordId the linked record's id
 */
public record DocumentLink(RecordKind kind, UUID recordId) {
    /** The kinds of record a document may be linked to. */
    public static final Set<RecordKind> KINDS = Set.of(RecordKind.CUSTOMER, RecordKind.SERVICE_CASE,
            RecordKind.OPPORTUNITY, RecordKind.TASK);

    /** @throws ValidationException if documents cannot be linked to records of this kind */
    public DocumentLink {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recordId, "recordId");
        if (!KINDS.contains(kind)) {
            throw ValidationException.of("link.kind", "not_linkable",
                    "documents link to customers, service cases, opportunities and tasks, not " + kind);
        }
    }

    public static DocumentLink customer(CustomerId id) {
        return new DocumentLink(RecordKind.CUSTOMER, id.value());
    }

    public static DocumentLink serviceCase(ServiceCaseId id) {
        return new DocumentLink(RecordKind.SERVICE_CASE, id.value());
    }

    public static DocumentLink opportunity(OpportunityId id) {
        return new DocumentLink(RecordKind.OPPORTUNITY, id.value());
    }

    public static DocumentLink task(TaskId id) {
        return new DocumentLink(RecordKind.TASK, id.value());
    }

    /** {@code "CUSTOMER:<id>"}: as the audit trail names it. */
    @Override
    public String toString() {
        return kind + ":" + recordId;
    }
}
