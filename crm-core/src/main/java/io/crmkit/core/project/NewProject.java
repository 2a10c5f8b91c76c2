package io.crmkit.core.project;

import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A project to create: {@code NewProject.named("新品上市").department(DepartmentRef.of("marketing"))}. Its owner is the
 * acting user unless {@link #owner(UserRef)} names another. Not thread-safe.
 */
public final class NewProject {
    private final @Nullable String name;
    private @Nullable String description;
    private @Nullable UserRef owner;
    private @Nullable DepartmentRef department;

    private NewProject(@Nullable String name) {
        this.name = name;
    }

    public static NewProject named(@Nullable String name) {
        return new NewProject(name);
    }

    public NewProject description(@Nullable String description) { this.description = description; return this; }
    public NewProject owner(UserRef owner) { this.owner = Objects.requireNonNull(owner, "owner"); return this; }
    public NewProject department(DepartmentRef department) { this.department = Objects.requireNonNull(department, "department"); return this; }

    public @Nullable String name() { return name; }
    public Optional<String> description() { return Optional.ofNullable(description); }
    public Optional<UserRef> owner() { return Optional.ofNullable(owner); }
    public Optional<DepartmentRef> department() { return Optional.ofNullable(department); }
}
