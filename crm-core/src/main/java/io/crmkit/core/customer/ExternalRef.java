package io.crmkit.core.customer;

import io.crmkit.core.Checks;

/**
 * A link to the host system's record of the same customer, such as {@code ("erp", "C-10086")}.
 * Unique per system: two customers never share a reference of one system.
 */
public record ExternalRef(String system, String id) {
    public ExternalRef {
        Checks checks = new Checks();
        system = checks.required("externalRef.system", system, 50);
        id = checks.required("externalRef.id", id, 200);
        checks.throwIfAny();
    }

    public static ExternalRef of(String system, String id) {
        return new ExternalRef(system, id);
    }
}
