package io.crmkit.jdbc.internal;

import io.crmkit.core.Page;
import io.crmkit.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Opaque keyset cursors: the sort key of the last item of a page, as text with a kind letter,
 * base64url-encoded. A cursor of another kind or garbage is a {@link ValidationException}.
 */
final class Cursors {
    private Cursors() {
    }

    /** Key of the id order. */
    record IdKey(UUID id) {
    }

    /** Key of the newest-first order. */
    record TimeKey(Instant at, UUID id) {
    }

    /** Key of the due-date order, undated last. */
    record DateKey(@Nullable LocalDate date, UUID id) {
    }

    static String encode(IdKey k) {
        return enc("i|" + k.id());
    }

    static String encode(TimeKey k) {
        return enc("t|" + k.at() + "|" + k.id());
    }

    static String encode(DateKey k) {
        return enc("d|" + (k.date() == null ? "-" : k.date().toString()) + "|" + k.id());
    }

    static IdKey idKey(String cursor) {
        String[] p = parts(cursor, "i", 2);
        try {
            return new IdKey(UUID.fromString(p[1]));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    static TimeKey timeKey(String cursor) {
        String[] p = parts(cursor, "t", 3);
        try {
            return new TimeKey(Instant.parse(p[1]), UUID.fromString(p[2]));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    static DateKey dateKey(String cursor) {
        String[] p = parts(cursor, "d", 3);
        try {
            return new DateKey(p[1].equals("-") ? null : LocalDate.parse(p[1]), UUID.fromString(p[2]));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    /**
     * Cuts the rows fetched with limit + 1 into a page: if there is one more than the limit, the page
     * gets a cursor to the last item kept.
     */
    static <T> Page<T> page(List<T> fetched, int limit, Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return Page.last(fetched);
        }
        List<T> items = new ArrayList<>(fetched.subList(0, limit));
        return new Page<>(items, Optional.of(cursorOf.apply(items.get(items.size() - 1))));
    }

    private static String enc(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] parts(String cursor, String kind, int n) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw invalid();
        }
        String[] p = text.split("\\|", -1);
        if (p.length != n || !p[0].equals(kind)) {
            throw invalid();
        }
        return p;
    }

    private static ValidationException invalid() {
        return ValidationException.of("cursor", "format", "is not a cursor returned by this list");
    }
}
