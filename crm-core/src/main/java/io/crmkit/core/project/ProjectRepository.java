package io.crmkit.core.project;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.security.AccessScope;
import java.util.Optional;

/** Storage port for projects, with their milestones and tasks. Listings hold only what their {@link AccessScope} admits. */
public interface ProjectRepository {
    /** @throws io.crmkit.core.ConflictException if its id is taken */
    void insert(Project project);

    Optional<Project> findById(ProjectId id);

    default Project require(ProjectId id) {
        return findById(id).orElseThrow(() -> new NotFoundException("no project " + id));
    }

    /**
     * Replaces a project whose stored version is {@code project.version() - 1}, with its milestones and tasks.
     *
     * @throws io.crmkit.core.ConflictException if the stored version differs
     * @throws io.crmkit.core.NotFoundException if there is no such project
     */
    void update(Project project);

    /** The projects the scope admits (by owner and department), in id order. */
    Page<Project> list(AccessScope scope, PageRequest page);
}
