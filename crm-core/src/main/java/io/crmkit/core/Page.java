package io.crmkit.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list, in a stable order, with an opaque keyset cursor to the next page.
 *
 * @param items      the records on this page, at most the requested limit
 * @param nextCursor the cursor for {@link PageRequest#after(String, int)}, empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, Optional.empty());
    }

    public boolean hasNext() {
        return nextCursor.isPresent();
    }

    public int size() {
        return items.size();
    }

    /** The same page with each item mapped; the cursor stays valid. */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
    }
}
