package io.crmkit.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Walks every page of a paged list. */
public final class Pages {
    private Pages() {
    }

    public static <T> List<T> all(Function<PageRequest, Page<T>> list, int pageSize) {
        List<T> all = new ArrayList<>();
        Optional<PageRequest> request = Optional.of(PageRequest.first(pageSize));
        int guard = 0;
        while (request.isPresent()) {
            Page<T> page = list.apply(request.get());
            if (page.size() > pageSize) {
                throw new AssertionError("page larger than its limit: " + page.size());
            }
            all.addAll(page.items());
            request = request.get().next(page);
            if (++guard > 100_000) {
                throw new AssertionError("paging does not end");
            }
        }
        return all;
    }

    public static <T> List<T> all(Function<PageRequest, Page<T>> list) {
        return all(list, PageRequest.MAX_LIMIT);
    }
}
