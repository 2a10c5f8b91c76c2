package io.crmkit.core.customer;

import io.crmkit.core.Checks;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A postal address. {@code street} or {@code city} is required; {@code country} is an ISO 3166
 * alpha-2 code when given.
 */
public record PostalAddress(String street, String city, Optional<String> region, Optional<String> postalCode,
                            Optional<String> country) implements ContactPoint {
    public PostalAddress {
        Checks checks = new Checks();
        street = orEmpty(checks.optional("address.street", street, 300));
        city = orEmpty(checks.optional("address.city", city, 100));
        region = Optional.ofNullable(checks.optional("address.region", region == null ? null : region.orElse(null), 100));
        postalCode = Optional.ofNullable(checks.optional("address.postalCode", postalCode == null ? null : postalCode.orElse(null), 20));
        String c = checks.optional("address.country", country == null ? null : country.orElse(null), 2);
        checks.require(c == null || c.matches("[A-Za-z]{2}"), "address.country", "format", "must be an ISO 3166 alpha-2 code like CN");
        country = Optional.ofNullable(c).map(x -> x.toUpperCase(Locale.ROOT));
        checks.require(!street.isEmpty() || !city.isEmpty(), "address", "required", "needs a street or a city");
        checks.throwIfAny();
    }

    public static PostalAddress of(@Nullable String street, @Nullable String city, @Nullable String postalCode,
                                   @Nullable String country) {
        return new PostalAddress(orEmpty(street), orEmpty(city), Optional.empty(), Optional.ofNullable(postalCode),
                Optional.ofNullable(country));
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }

    @Override
    public String text() {
        StringJoiner j = new StringJoiner(", ");
        if (!street.isEmpty()) {
            j.add(street);
        }
        if (!city.isEmpty()) {
            j.add(city);
        }
        region.ifPresent(j::add);
        postalCode.ifPresent(j::add);
        country.ifPresent(j::add);
        return j.toString();
    }
}
