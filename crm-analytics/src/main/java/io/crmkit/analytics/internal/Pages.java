package io.crmkit.analytics.internal;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Walks a keyset-paged list one page at a time, so only one page is in memory. */
public final class Pages {
    /** The page size analytics read with: the largest a storage accepts. */
    public static final int SIZE = PageRequest.MAX_LIMIT;

    private Pages() {
    }

    public static <T> void forEach(Function<PageRequest, Page<T>> fetch, Consumer<? super T> action) {
        Optional<PageRequest> request = Optional.of(PageRequest.first(SIZE));
        while (request.isPresent()) {
            Page<T> page = fetch.apply(request.get());
            page.items().forEach(action);
            request = request.get().next(page);
        }
    }
}
