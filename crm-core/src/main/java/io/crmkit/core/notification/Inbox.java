package io.crmkit.core.notification;

import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.UserRef;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Whose inbox a repository reads: the notices to {@link #user()} and to each of {@link #departments()}, except those
 * {@link #user()} caused, with the read state of {@link #user()}. The service builds it from the acting user, so nobody
 * reads another's inbox.
 */
public record Inbox(UserRef user, Set<DepartmentRef> departments) {
    public Inbox {
        Objects.requireNonNull(user, "user");
        departments = Set.copyOf(departments);
    }

    /** The user and the departments: the recipients whose notices this inbox holds. */
    public Set<Grantee> recipients() {
        Set<Grantee> all = new HashSet<>(departments);
        all.add(user);
        return Set.copyOf(all);
    }

    /** Whether the notice is in this inbox: to its user or one of its departments, and not caused by its user. */
    public boolean holds(Notice notice) {
        Grantee recipient = notice.recipient();
        return !notice.actor().equals(user)
                && (recipient.equals(user) || (recipient instanceof DepartmentRef d && departments.contains(d)));
    }
}
