package io.crmkit.core.security;

/** Why a record is shared, so that rules can later take back what they gave and leave manual shares. */
public enum ShareCause {
    /** A user shared it. */
    MANUAL,
    /** Given to the owner's department, so that colleagues help. */
    OWNER_DEPARTMENT,
    /** Given by one of the host's sharing rules. */
    RULE
}
