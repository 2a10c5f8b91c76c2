package io.crmkit.core.spi;

import io.crmkit.core.Page;
import io.crmkit.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A keyset cursor: the sort key of the last item of a {@link Page}, which a storage hands out as
 * {@link Page#nextCursor()} and reads back from {@link io.crmkit.core.PageRequest#cursor()}. Every storage
 * uses this one codec, so a cursor means the same in memory and on a database.
 *
 * <p>Four keys cover the lists of the repositories: {@link IdKey} (ascending id), {@link TimeKey} (a time,
 * then the id: the newest-first timeline, the earliest-first SLA lists), {@link DateKey} (a date that may be missing, then the id: lists
 * by due date) and {@link EntryKey} (a time, a stream and a sequence: the audit trail, oldest first).
 * {@link #encode()} writes the key as opaque base64url text without padding (a kind letter and
 * the fields); the decoders accept only text of their own kind and throw a {@link ValidationException}
 * naming the field {@code cursor} for anything else, so a cursor of another list, a truncated or made-up
 * one is bad input, never a storage error.
 *
 * <pre>{@code
 * Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
 * ... fetch page.limit() + 1 rows after it ...
 * return Cursor.page(rows, page.limit(), c -> new Cursor.IdKey(c.id().value()));
 * }</pre>
 */
public sealed interface Cursor permits Cursor.IdKey, Cursor.TimeKey, Cursor.DateKey, Cursor.EntryKey {
    /** The longest cursor text the decoders read; longer input is refused before decoding. */
    int MAX_LENGTH = 200;

    /** This key as opaque cursor text. */
    String encode();

    /**
     * The key of a list in ascending id order.
     *
     * @param id the id of the last item of the page
     */
    record IdKey(UUID id) implements Cursor {
        public IdKey {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String encode() {
            return encodeText("i|" + id);
        }
    }

    /**
     * The key of a list ordered by a time, then by id: the timeline newest first, the service-level lists of
     * service cases earliest first.
     *
     * @param at the time of the last item of the page
     * @param id its id
     */
    record TimeKey(Instant at, UUID id) implements Cursor {
        public TimeKey {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String encode() {
            return encodeText("t|" + at + "|" + id);
        }
    }

    /**
     * The key of a list ordered by a date, items without one last, then by id (lists by due date).
     *
     * @param date the date of the last item of the page, or null if it has none
     * @param id   its id
     */
    record DateKey(@Nullable LocalDate date, UUID id) implements Cursor {
        public DateKey {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String encode() {
            return encodeText("d|" + (date == null ? "-" : date.toString()) + "|" + id);
        }
    }

    /**
     * The key of the audit trail's lists: ordered by time, then stream, then sequence, ascending.
     *
     * @param at       the time of the last entry of the page
     * @param stream   its stream
     * @param sequence its sequence in the stream
     */
    record EntryKey(Instant at, int stream, long sequence) implements Cursor {
        public EntryKey {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String encode() {
            return encodeText("a|" + at + "|" + stream + "|" + sequence);
        }
    }

    /**
     * Reads an {@link IdKey}.
     *
     * @throws ValidationException on field {@code cursor} if the text is not an encoded id key
     */
    static IdKey idKey(String cursor) {
        String[] p = parts(cursor, "i", 2);
        try {
            return new IdKey(uuid(p[1]));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    /**
     * Reads a {@link TimeKey}.
     *
     * @throws ValidationException on field {@code cursor} if the text is not an encoded time key
     */
    static TimeKey timeKey(String cursor) {
        String[] p = parts(cursor, "t", 3);
        try {
            return new TimeKey(Instant.parse(p[1]), uuid(p[2]));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    /**
     * Reads a {@link DateKey}.
     *
     * @throws ValidationException on field {@code cursor} if the text is not an encoded date key
     */
    static DateKey dateKey(String cursor) {
        String[] p = parts(cursor, "d", 3);
        try {
            return new DateKey(p[1].equals("-") ? null : LocalDate.parse(p[1]), uuid(p[2]));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    /**
     * Reads an {@link EntryKey}.
     *
     * @throws ValidationException on field {@code cursor} if the text is not an encoded entry key
     */
    static EntryKey entryKey(String cursor) {
        String[] p = parts(cursor, "a", 4);
        try {
            return new EntryKey(Instant.parse(p[1]), Integer.parseInt(p[2]), Long.parseLong(p[3]));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    /**
     * Cuts rows fetched with {@code limit + 1} into a page: when there are more rows than the limit, the
     * page keeps the first {@code limit} and gets the cursor of the last one kept; otherwise it is the last
     * page.
     */
    static <T> Page<T> page(List<T> fetched, int limit, Function<? super T, ? extends Cursor> keyOf) {
        if (fetched.size() <= limit) {
            return Page.last(fetched);
        }
        List<T> items = new ArrayList<>(fetched.subList(0, limit));
        return new Page<>(items, Optional.of(keyOf.apply(items.get(items.size() - 1)).encode()));
    }

    private static String encodeText(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] parts(String cursor, String kind, int n) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] p = text.split("\\|", -1);
        if (p.length != n || !p[0].equals(kind)) {
            throw invalid();
        }
        return p;
    }

    /** A UUID in its canonical form only ({@link UUID#fromString} also takes shortened groups). */
    private static UUID uuid(String s) {
        UUID u = UUID.fromString(s);
        if (!u.toString().equals(s)) {
            throw new IllegalArgumentException("not canonical");
        }
        return u;
    }

    private static ValidationException invalid() {
        return ValidationException.of("cursor", "format", "is not a cursor returned by this list");
    }
}
