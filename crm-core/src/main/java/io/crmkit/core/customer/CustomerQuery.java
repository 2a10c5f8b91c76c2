package io.crmkit.core.customer;

import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Criteria for a customer search; all given criteria must match. Name matching is case-insensitive.
 * Archived customers are left out unless {@link #includeArchived()} is set. Immutable: every method
 * returns a new query.
 */
public record CustomerQuery(
        Optional<String> namePrefix,
        Optional<String> nameContains,
        Optional<EmailAddress> email,
        Optional<String> phone,
        Optional<String> tag,
        Optional<LifecycleStage> stage,
        Optional<UserRef> owner,
        Optional<DepartmentRef> department,
        Optional<ExternalRef> externalRef,
        Optional<CustomerId> organizationId,
        boolean includeArchived) {

    private static final CustomerQuery ALL = new CustomerQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), false);

    /** Every customer that is not archived. */
    public static CustomerQuery all() {
        return ALL;
    }

    public CustomerQuery nameStartsWith(String prefix) {
        return new CustomerQuery(opt(prefix), nameContains, email, phone, tag, stage, owner, department, externalRef, organizationId, includeArchived);
    }

    public CustomerQuery nameContains(String text) {
        return new CustomerQuery(namePrefix, opt(text), email, phone, tag, stage, owner, department, externalRef, organizationId, includeArchived);
    }

    public CustomerQuery email(String address) {
        return new CustomerQuery(namePrefix, nameContains, Optional.of(EmailAddress.of(address)), phone, tag, stage, owner, department, externalRef, organizationId, includeArchived);
    }

    /** Matches a phone number as typed; it is normalised like stored numbers before matching. */
    public CustomerQuery phone(String number) {
        return new CustomerQuery(namePrefix, nameContains, email, opt(number), tag, stage, owner, department, externalRef, organizationId, includeArchived);
    }

    public CustomerQuery tag(String tag) {
        return new CustomerQuery(namePrefix, nameContains, email, phone, opt(tag).map(t -> t.toLowerCase(java.util.Locale.ROOT)), stage, owner, department, externalRef, organizationId, includeArchived);
    }

    public CustomerQuery stage(LifecycleStage stage) {
        return new CustomerQuery(namePrefix, nameContains, email, phone, tag, Optional.of(stage), owner, department, externalRef, organizationId, includeArchived);
    }

    public CustomerQuery owner(UserRef user) {
        return new CustomerQuery(namePrefix, nameContains, email, phone, tag, stage, Optional.of(user), department, externalRef, organizationId, includeArchived);
    }

    public CustomerQuery department(DepartmentRef department) {
        return new CustomerQuery(namePrefix, nameContains, email, phone, tag, stage, owner, Optional.of(department), externalRef, organizationId, includeArchived);
    }

    public CustomerQuery externalRef(String system, String id) {
        return new CustomerQuery(namePrefix, nameContains, email, phone, tag, stage, owner, department, Optional.of(ExternalRef.of(system, id)), organizationId, includeArchived);
    }

    /** The contact people of an organisation. */
    public CustomerQuery memberOf(CustomerId organization) {
        return new CustomerQuery(namePrefix, nameContains, email, phone, tag, stage, owner, department, externalRef, Optional.of(organization), includeArchived);
    }

    public CustomerQuery includeArchived(boolean include) {
        return new CustomerQuery(namePrefix, nameContains, email, phone, tag, stage, owner, department, externalRef, organizationId, include);
    }

    private static Optional<String> opt(@Nullable String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
