package io.crmkit.core;

import java.util.Optional;

/**
 * Which page to fetch: at most {@code limit} items (1 to {@value #MAX_LIMIT}) after an optional cursor
 * taken from {@link Page#nextCursor()}.
 */
public record PageRequest(int limit, Optional<String> cursor) {
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ValidationException.of("limit", "range", "must be between 1 and " + MAX_LIMIT + " but was " + limit);
        }
        if (cursor == null) {
            cursor = Optional.empty();
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    public static PageRequest after(String cursor, int limit) {
        return new PageRequest(limit, Optional.of(cursor));
    }

    /** The request for the page after {@code page}, or empty when {@code page} was the last. */
    public Optional<PageRequest> next(Page<?> page) {
        return page.nextCursor().map(c -> after(c, limit));
    }
}
