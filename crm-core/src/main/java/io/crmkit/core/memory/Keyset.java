package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Keyset paging over an in-memory stream: sort by a key that is a total order, skip up to the
 * cursor's key, take a page. The cursor is the last item's key as text, base64-encoded so callers
 * treat it as opaque.
 *
 * @param <T> the item type
 * @param <K> its sort key
 */
final class Keyset<T, K> {
    private final Function<T, K> key;
    private final Comparator<K> order;
    private final Function<K, String> write;
    private final Function<String, K> read;

    Keyset(Function<T, K> key, Comparator<K> order, Function<K, String> write, Function<String, K> read) {
        this.key = key;
        this.order = order;
        this.write = write;
        this.read = read;
    }

    /** Ascending by id. */
    static <T> Keyset<T, UUID> byId(Function<T, UUID> id) {
        return new Keyset<>(id, Comparator.naturalOrder(), UUID::toString, UUID::fromString);
    }

    /** Newest first: time descending, then id descending. */
    static <T> Keyset<T, TimeKey> newestFirst(Function<T, Instant> time, Function<T, UUID> id) {
        return new Keyset<>(t -> new TimeKey(time.apply(t), id.apply(t)),
                Comparator.comparing(TimeKey::at).thenComparing(TimeKey::id).reversed(),
                k -> k.at() + "|" + k.id(),
                s -> new TimeKey(Instant.parse(before(s)), UUID.fromString(after(s))));
    }

    /** By date ascending, undated last, then id. */
    static <T> Keyset<T, DateKey> byDate(Function<T, @Nullable LocalDate> date, Function<T, UUID> id) {
        return new Keyset<>(t -> new DateKey(date.apply(t), id.apply(t)),
                Comparator.comparing(DateKey::date, Comparator.nullsLast(Comparator.<LocalDate>naturalOrder()))
                        .thenComparing(DateKey::id),
                k -> (k.date() == null ? "-" : k.date().toString()) + "|" + k.id(),
                s -> new DateKey(before(s).equals("-") ? null : LocalDate.parse(before(s)), UUID.fromString(after(s))));
    }

    record TimeKey(Instant at, UUID id) {
    }

    record DateKey(@Nullable LocalDate date, UUID id) {
    }

    Page<T> page(Stream<T> items, PageRequest request) {
        Stream<T> sorted = items.sorted(Comparator.comparing(key, order));
        if (request.cursor().isPresent()) {
            K after = decode(request.cursor().get());
            sorted = sorted.filter(item -> order.compare(key.apply(item), after) > 0);
        }
        List<T> taken = new ArrayList<>(sorted.limit(request.limit() + 1L).toList());
        if (taken.size() <= request.limit()) {
            return Page.last(taken);
        }
        taken.remove(taken.size() - 1);
        String last = write.apply(key.apply(taken.get(taken.size() - 1)));
        return new Page<>(taken, Optional.of(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(last.getBytes(StandardCharsets.UTF_8))));
    }

    private K decode(String cursor) {
        try {
            return read.apply(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw ValidationException.of("cursor", "format", "is not a cursor returned by this storage");
        }
    }

    private static String before(String s) {
        int bar = s.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("no separator");
        }
        return s.substring(0, bar);
    }

    private static String after(String s) {
        return s.substring(s.indexOf('|') + 1);
    }
}
