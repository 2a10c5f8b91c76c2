package io.crmkit.core.service;

import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.List;

/**
 * The host's teams, as automatic case assignment ({@link ServiceSettings.Builder#route}) asks them: who belongs to a
 * department and who is at work. crmkit stores neither; it asks on every routed assignment, so answers may change at
 * run time (a user on leave, a shift plan). Implementations must be thread-safe and quick: they are called inside the
 * assigning transaction.
 */
public interface TeamDirectory {
    /** The members of {@code department} who take cases, in a stable order (round robin follows it). */
    List<UserRef> members(DepartmentRef department);

    /** Whether {@code user} can take a case at {@code at} (not absent, on shift). Default: always. */
    default boolean isAvailable(UserRef user, Instant at) {
        return true;
    }
}
