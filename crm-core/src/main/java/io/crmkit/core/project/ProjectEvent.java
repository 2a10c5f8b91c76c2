package io.crmkit.core.project;

import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/** A change to a project. One branch of the sealed {@link DomainEvent}: switch over its records. */
public sealed interface ProjectEvent extends DomainEvent {
    ProjectId projectId();

    /** The project's version after the change. */
    long version();

    @Override
    default RecordKind recordKind() {
        return RecordKind.PROJECT;
    }

    @Override
    default UUID recordId() {
        return projectId().value();
    }

    @Override
    default OptionalLong recordVersion() {
        return OptionalLong.of(version());
    }

    /** A project was created. */
    record Created(ProjectId projectId, long version, Instant at, UserRef actor) implements ProjectEvent {
    }

    /** Its milestones or tasks changed. */
    record Changed(ProjectId projectId, long version, Instant at, UserRef actor) implements ProjectEvent {
    }
}
