package io.crmkit.core.service;

/** How a case handed to a department is given to one of its members ({@link ServiceSettings.Builder#route}). */
public enum RoutingStrategy {
    /** Each available member in turn, in the directory's order; one rotation per department and CRM (JVM). */
    ROUND_ROBIN,
    /** The available member with the fewest open cases; ties go to the one listed first. */
    LEAST_BUSY
}
