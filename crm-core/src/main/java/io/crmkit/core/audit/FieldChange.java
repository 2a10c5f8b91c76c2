package io.crmkit.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One field of a record as an audit entry saw it change: its name ({@code "displayName"}, {@code "emails"},
 * {@code "attributes.vip"}, {@code "consents.EMAIL"}, {@code "status"}), the value before and after as canonical
 * text, and the salted hash of each. A value that did not exist (a field set by a create, an attribute removed) is
 * absent together with its hash. A value that was erased later is absent while its hash stays, so the entry still
 * verifies: {@link #isErased()}.
 *
 * <p>Collections are one value each: emails and phone numbers in their order (the first is the one messages go
 * to), one per line; tags and external references sorted, one per line; attributes and consents one field per
 * name ({@code attributes.<name>}, {@code consents.<CHANNEL>}).
 *
 * @param field    the field's name
 * @param oldValue the value before the change, as text
 * @param newValue the value after it
 * @param oldHash  the hash of the old value (hex SHA-256 of the entry's salt, the field name, a zero byte and the
 *                 value); present whenever the old value existed, even after it was erased
 * @param newHash  the hash of the new value, likewise
 */
public record FieldChange(String field, Optional<String> oldValue, Optional<String> newValue, Optional<String> oldHash,
                          Optional<String> newHash) {
    /** The version tag that starts {@link #encode(List)}'s text. */
    private static final String FORMAT = "v1:";

    public FieldChange {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(oldValue, "oldValue");
        Objects.requireNonNull(newValue, "newValue");
        Objects.requireNonNull(oldHash, "oldHash");
        Objects.requireNonNull(newHash, "newHash");
        if (field.isEmpty() || field.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a field name is not empty and has no zero character: " + field);
        }
        if (oldValue.isPresent() && oldHash.isEmpty() || newValue.isPresent() && newHash.isEmpty()) {
            throw new IllegalArgumentException("a value comes with its hash: " + field);
        }
    }

    /** Whether a value this change had was removed later (its hash is kept). */
    public boolean isErased() {
        return oldHash.isPresent() && oldValue.isEmpty() || newHash.isPresent() && newValue.isEmpty();
    }

    /** This change with its values removed and their hashes kept: what erasing a person's data leaves. */
    public FieldChange withoutValues() {
        return new FieldChange(field, Optional.empty(), Optional.empty(), oldHash, newHash);
    }

    /**
     * The changes as one text, for storage adapters that keep an entry's changes in one column; {@link #decode}
     * reads it back exactly. Each part is written with its length, so values may hold any character.
     */
    public static String encode(List<FieldChange> changes) {
        StringBuilder sb = new StringBuilder(FORMAT);
        for (FieldChange c : changes) {
            token(sb, c.field);
            token(sb, c.oldHash.orElse(null));
            token(sb, c.newHash.orElse(null));
            token(sb, c.oldValue.orElse(null));
            token(sb, c.newValue.orElse(null));
        }
        return sb.toString();
    }

    /**
     * Reads {@link #encode(List)}'s text.
     *
     * @throws IllegalArgumentException if the text is not such a text: a storage adapter maps it to its own error
     */
    public static List<FieldChange> decode(String text) {
        if (!text.startsWith(FORMAT)) {
            throw new IllegalArgumentException("not an encoded list of field changes");
        }
        List<FieldChange> out = new ArrayList<>();
        int[] at = {FORMAT.length()};
        while (at[0] < text.length()) {
            String field = token(text, at);
            if (field == null) {
                throw new IllegalArgumentException("a field change without a field name at " + at[0]);
            }
            Optional<String> oldHash = Optional.ofNullable(token(text, at));
            Optional<String> newHash = Optional.ofNullable(token(text, at));
            Optional<String> oldValue = Optional.ofNullable(token(text, at));
            Optional<String> newValue = Optional.ofNullable(token(text, at));
            out.add(new FieldChange(field, oldValue, newValue, oldHash, newHash));
        }
        return List.copyOf(out);
    }

    private static void token(StringBuilder sb, @Nullable String value) {
        if (value == null) {
            sb.append('-');
        } else {
            sb.append(value.length()).append(':').append(value);
        }
    }

    private static @Nullable String token(String text, int[] at) {
        int i = at[0];
        if (i >= text.length()) {
            throw new IllegalArgumentException("an encoded field change ends early");
        }
        if (text.charAt(i) == '-') {
            at[0] = i + 1;
            return null;
        }
        int colon = text.indexOf(':', i);
        if (colon <= i || colon - i > 9) {
            throw new IllegalArgumentException("no length at " + i + " of an encoded field change");
        }
        int length;
        try {
            length = Integer.parseInt(text, i, colon, 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no length at " + i + " of an encoded field change", e);
        }
        int end = colon + 1 + length;
        if (length < 0 || end > text.length()) {
            throw new IllegalArgumentException("a part longer than the encoded field changes at " + i);
        }
        at[0] = end;
        return text.substring(colon + 1, end);
    }
}
