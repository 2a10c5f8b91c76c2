package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.spi.Cursor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Keyset paging over an in-memory stream: sort by a key that is a total order, skip up to the
 * cursor's key, take a page. Keys and cursor text are {@link Cursor}'s, as on every storage.
 *
 * @param <T> the item type
 * @param <K> its sort key
 */
final class Keyset<T, K extends Cursor> {
    private final Function<T, K> key;
    private final Comparator<K> order;
    private final Function<String, K> decode;

    private Keyset(Function<T, K> key, Comparator<K> order, Function<String, K> decode) {
        this.key = key;
        this.order = order;
        this.decode = decode;
    }

    /** Ascending by id. */
    static <T> Keyset<T, Cursor.IdKey> byId(Function<T, UUID> id) {
        return new Keyset<>(t -> new Cursor.IdKey(id.apply(t)), Comparator.comparing(Cursor.IdKey::id), Cursor::idKey);
    }

    /** Newest first: time descending, then id descending. */
    static <T> Keyset<T, Cursor.TimeKey> newestFirst(Function<T, Instant> time, Function<T, UUID> id) {
        return new Keyset<>(t -> new Cursor.TimeKey(time.apply(t), id.apply(t)),
                Comparator.comparing(Cursor.TimeKey::at).thenComparing(Cursor.TimeKey::id).reversed(), Cursor::timeKey);
    }

    /** Earliest first: time ascending, then id ascending. */
    static <T> Keyset<T, Cursor.TimeKey> earliestFirst(Function<T, Instant> time, Function<T, UUID> id) {
        return new Keyset<>(t -> new Cursor.TimeKey(time.apply(t), id.apply(t)),
                Comparator.comparing(Cursor.TimeKey::at).thenComparing(Cursor.TimeKey::id), Cursor::timeKey);
    }

    /** By date ascending, undated last, then id. */
    static <T> Keyset<T, Cursor.DateKey> byDate(Function<T, @Nullable LocalDate> date, Function<T, UUID> id) {
        return new Keyset<>(t -> new Cursor.DateKey(date.apply(t), id.apply(t)),
                Comparator.comparing(Cursor.DateKey::date, Comparator.nullsLast(Comparator.<LocalDate>naturalOrder()))
                        .thenComparing(Cursor.DateKey::id),
                Cursor::dateKey);
    }

    /** Oldest first: time, then stream, then sequence, ascending (the audit trail). */
    static <T> Keyset<T, Cursor.EntryKey> oldestFirst(Function<T, Cursor.EntryKey> key) {
        return new Keyset<>(key, Comparator.comparing(Cursor.EntryKey::at).thenComparingInt(Cursor.EntryKey::stream)
                .thenComparingLong(Cursor.EntryKey::sequence), Cursor::entryKey);
    }

    Page<T> page(Stream<T> items, PageRequest request) {
        Stream<T> sorted = items.sorted(Comparator.comparing(key, order));
        if (request.cursor().isPresent()) {
            K after = decode.apply(request.cursor().get());
            sorted = sorted.filter(item -> order.compare(key.apply(item), after) > 0);
        }
        List<T> taken = sorted.limit(request.limit() + 1L).toList();
        return Cursor.page(taken, request.limit(), key);
    }
}
