package io.crmkit.analytics.text;

import io.crmkit.core.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** The check of host-given names: custom words of an analyzer, product names. */
final class Names {
    private Names() {
    }

    /** The names stripped, in order; each must have 1 to {@code max} chars. */
    static List<String> check(Collection<String> names, String field, int max) {
        Objects.requireNonNull(names, field + "s");
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            String s = Objects.requireNonNull(n, field).strip();
            if (s.isEmpty() || s.length() > max) {
                throw ValidationException.of(field, s.isEmpty() ? "required" : "too_long",
                        "must have 1 to " + max + " chars but had " + s.length());
            }
            out.add(s);
        }
        return out;
    }
}
