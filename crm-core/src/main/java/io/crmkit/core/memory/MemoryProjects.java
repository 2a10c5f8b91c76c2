package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.project.Project;
import io.crmkit.core.project.ProjectId;
import io.crmkit.core.project.ProjectRepository;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import java.util.Optional;

/** Projects with their milestones and tasks, one row each. */
record MemoryProjects(Table<Project> table) implements ProjectRepository {
    private static final Keyset<Project, Cursor.IdKey> BY_ID = Keyset.byId(p -> p.id().value());

    @Override
    public void insert(Project project) {
        table.insert(project.id().value(), project);
    }

    @Override
    public Optional<Project> findById(ProjectId id) {
        return table.get(id.value());
    }

    @Override
    public void update(Project project) {
        table.replace(project.id().value(), project, Project::version, "project");
    }

    @Override
    public Page<Project> list(AccessScope scope, PageRequest page) {
        return BY_ID.page(table.all().filter(p -> scope.admits(Optional.of(p.owner()), p.department())), page);
    }
}
