package io.crmkit.core.interaction;

import java.util.Objects;
import java.util.UUID;

/** A link from an interaction to a related record: the need it raised, a task, the message it sent, the campaign that sent it. */
public record RecordLink(Type type, UUID id) {
    /** The kinds of record an interaction can link to. */
    public enum Type { REQUIREMENT, TASK, MESSAGE, CASE, OPPORTUNITY, DOCUMENT,
        /** The marketing campaign that sent the message. */
        CAMPAIGN,
        /** The communication policy that made the contact. */
        POLICY }

    public RecordLink {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }
}
