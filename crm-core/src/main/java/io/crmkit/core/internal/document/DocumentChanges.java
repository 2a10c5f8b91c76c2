package io.crmkit.core.internal.document;

import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain.Change;
import io.crmkit.core.document.Document;
import io.crmkit.core.document.DocumentLink;
import io.crmkit.core.internal.AuditDraft.Diff;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The fields of a document an audit entry lists as changed; a new version appears as its number and checksum. */
final class DocumentChanges {
    private DocumentChanges() {
    }

    /** Records the change from {@code before} (null: none, an upload) to {@code after} in the audit trail. */
    static void record(Engine.Tx tx, UserRef actor, AuditAction action, @Nullable Document before, Document after) {
        tx.audit(actor, RecordKind.DOCUMENT, after.id().value(), action, () -> between(before, after));
    }

    static List<Change> between(@Nullable Document before, Document after) {
        return Diff.of(before, after)
                .value("name", Document::name)
                .value("mediaType", Document::mediaType)
                .value("owner", d -> d.owner().id())
                .value("department", d -> d.department().map(x -> x.id()))
                .value("currentVersion", d -> d.current().number() + " sha256:" + d.current().sha256())
                .sortedLines("links", Document::links, DocumentLink::toString)
                .value("archivedAt", Document::archivedAt)
                .changes();
    }
}
