package io.crmkit.core.security;

import io.crmkit.core.Checks;

/**
 * A user of the host application, by the id the host knows it by. crmkit stores no users: it records
 * who did what and who is responsible, as these references.
 *
 * @param id the host's user id: 1 to {@value #MAX_LENGTH} characters, trimmed, no control characters
 */
public record UserRef(String id) implements Grantee {
    public static final int MAX_LENGTH = 100;

    public UserRef {
        if (!Checks.isCleanText(id, MAX_LENGTH)) { // the common case, ids read back from storage, allocates nothing
            id = Checks.requireText("userId", id, MAX_LENGTH);
        }
    }

    public static UserRef of(String id) {
        return new UserRef(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
