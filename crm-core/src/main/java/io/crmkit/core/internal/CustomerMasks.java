package io.crmkit.core.internal;

import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerForm;
import io.crmkit.core.security.CustomerField;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Empties the fields of a customer that an actor may not read, and puts stored values back under an edit. */
public final class CustomerMasks {
    private CustomerMasks() {
    }

    static Customer hide(Customer customer, Set<CustomerField> hidden) {
        Customer.Builder b = customer.toBuilder().hiddenFields(hidden);
        for (CustomerField field : hidden) {
            switch (field) {
                case EMAILS -> b.emails(List.of());
                case PHONES -> b.phones(List.of());
                case ADDRESSES -> b.addresses(List.of());
                case ATTRIBUTES -> b.attributes(Map.of());
                case EXTERNAL_REFS -> b.externalRefs(List.of());
                case CONSENTS -> b.consents(Map.of());
                case JOB_TITLE -> b.jobTitle(null);
                case TIME_ZONE -> b.timeZone(null);
            }
        }
        return b.build();
    }

    /** The hidden fields that a form gives values: an actor may not change what they cannot see. */
    public static Set<CustomerField> touched(CustomerForm<?> form, Set<CustomerField> hidden) {
        Set<CustomerField> touched = EnumSet.noneOf(CustomerField.class);
        for (CustomerField field : hidden) {
            boolean set = switch (field) {
                case EMAILS -> !form.emails().isEmpty();
                case PHONES -> !form.phones().isEmpty();
                case ADDRESSES -> !form.addresses().isEmpty();
                case ATTRIBUTES -> !form.attributes().isEmpty();
                case EXTERNAL_REFS -> !form.externalRefs().isEmpty();
                case CONSENTS -> !form.consents().isEmpty();
                case JOB_TITLE -> form.jobTitle().isPresent();
                case TIME_ZONE -> form.timeZone().isPresent();
            };
            if (set) {
                touched.add(field);
            }
        }
        return touched;
    }

    /** {@code changed} with the hidden fields as {@code stored} has them. */
    public static Customer restore(Customer changed, Customer stored, Set<CustomerField> hidden) {
        Customer.Builder b = changed.toBuilder().hiddenFields(Set.of());
        for (CustomerField field : hidden) {
            switch (field) {
                case EMAILS -> b.emails(stored.emails());
                case PHONES -> b.phones(stored.phones());
                case ADDRESSES -> b.addresses(stored.addresses());
                case ATTRIBUTES -> b.attributes(stored.attributes());
                case EXTERNAL_REFS -> b.externalRefs(stored.externalRefs());
                case CONSENTS -> b.consents(stored.consents());
                case JOB_TITLE -> b.jobTitle(stored.jobTitle().orElse(null));
                case TIME_ZONE -> b.timeZone(stored.timeZone().orElse(null));
            }
        }
        return b.build();
    }
}
