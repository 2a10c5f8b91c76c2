package io.crmkit.core.customer;

/**
 * A change to an existing customer, started by {@link Customer#edit()} with the customer's current
 * fields. Pass it to {@code crm.customers().update(...)}; the update is refused with a
 * {@code ConflictException} if the customer changed since {@link #baseVersion()}.
 */
public final class CustomerEdit extends CustomerForm<CustomerEdit> {
    private final Customer base;

    CustomerEdit(Customer base) {
        super(base.displayName());
        this.base = base;
        loadFrom(base);
    }

    /** The customer as it was when the edit began. */
    public Customer base() {
        return base;
    }

    public CustomerId id() {
        return base.id();
    }

    public long baseVersion() {
        return base.version();
    }
}
