package io.crmkit.core.document;

import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.ShareAccess;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.UUID;

/** A change to a document. One branch of the sealed {@link DomainEvent}: switch over its records. */
public sealed interface DocumentEvent extends DomainEvent {
    @Override
    default RecordKind recordKind() {
        return RecordKind.DOCUMENT;
    }

    @Override
    default UUID recordId() {
        return documentId().value();
    }

    DocumentId documentId();

    /** A document was uploaded: its first version. */
    record Uploaded(DocumentId documentId, String name, Instant at, UserRef actor) implements DocumentEvent {
    }

    /** A new version of its content was added. */
    record VersionAdded(DocumentId documentId, int number, Instant at, UserRef actor) implements DocumentEvent {
    }

    /** It was granted to a user or a department, to read or to edit. */
    record Shared(DocumentId documentId, Grantee grantee, ShareAccess access, Instant at, UserRef actor)
            implements DocumentEvent {
    }

    /** It was archived. */
    record Archived(DocumentId documentId, Instant at, UserRef actor) implements DocumentEvent {
    }
}
