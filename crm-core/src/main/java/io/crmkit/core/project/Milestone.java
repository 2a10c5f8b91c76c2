package io.crmkit.core.project;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A milestone of a project: a name unique in its project (1 to {@value #MAX_NAME} characters) and a due date. Its
 * tasks are the project's tasks that name it ({@link ProjectTask#milestone()}).
 */
public record Milestone(String name, Optional<LocalDate> dueDate) {
    /** Longest milestone name, in characters (code points). */
    public static final int MAX_NAME = 200;

    public Milestone {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dueDate, "dueDate");
    }
}
