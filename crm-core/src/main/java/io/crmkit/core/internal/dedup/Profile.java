package io.crmkit.core.internal.dedup;

import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.core.dedup.NameKey;
import io.crmkit.core.dedup.NameMatcher;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What detection keeps of one customer: its keys in their compared forms, nothing else. */
record Profile(CustomerId id, NameKey name, String[] emails, String[] phones, String[] refs,
               @Nullable UUID organization, String[] cities) {

    static Profile of(Customer c, NameMatcher names) {
        return new Profile(c.id(), names.key(c.displayName()),
                c.emails().stream().map(EmailAddress::value).map(Profile::email).distinct().toArray(String[]::new),
                c.phones().stream().map(PhoneNumber::value).distinct().toArray(String[]::new),
                c.externalRefs().stream().map(Profile::ref).distinct().toArray(String[]::new),
                c.organizationId().map(CustomerId::value).orElse(null),
                c.addresses().stream().map(PostalAddress::city).map(Profile::city).filter(s -> !s.isEmpty())
                        .distinct().toArray(String[]::new));
    }

    static String email(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    /** The system and the id without case, spaces or punctuation: "C-10086" and "c 10086" are one reference. */
    static String ref(ExternalRef ref) {
        StringBuilder b = new StringBuilder(ref.system().strip().toLowerCase(Locale.ROOT)).append('\u0000');
        ref.id().codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(b::appendCodePoint);
        return b.toString();
    }

    static String city(String city) {
        return city.strip().toLowerCase(Locale.ROOT);
    }
}
