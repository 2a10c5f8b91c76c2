package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.spi.UnitOfWork;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every storage contract suite: a fresh storage for each test from the {@link StorageFactory} the
 * suite was constructed with, released after it with {@link StorageFactory#close(CrmStorage)}, fresh {@link
 * TestData}, and helpers to run units of work and to read every page of a list.
 */
public abstract class StorageContractSupport {
    /** Limits every pagination test walks a list with. */
    protected static final int[] PAGE_LIMITS = {1, 2, 7, 10, 11, PageRequest.MAX_LIMIT};

    /** The storage under test; fresh and empty for each test. */
    protected CrmStorage storage;
    /** Test data for this test; its clock starts at {@link TestClock#DEFAULT_START}. */
    protected TestData data;

    private final StorageFactory factory;

    /** A suite on the storages {@code factory} opens, one for each test. */
    protected StorageContractSupport(StorageFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @BeforeEach
    protected final void openStorage() {
        data = TestData.create();
        storage = Objects.requireNonNull(factory.open(), "StorageFactory.open() returned null");
    }

    @AfterEach
    protected final void releaseStorage() {
        if (storage != null) {
            factory.close(storage);
        }
    }

    /**
     * A second storage on the same data as {@link #storage}, from {@link StorageFactory#openOnSameData}; empty if
     * the adapter has none. The caller closes it with {@link CrmStorage#close()}.
     */
    protected final Optional<CrmStorage> openSecondStorageOnSameData() {
        return Objects.requireNonNull(factory.openOnSameData(storage), "StorageFactory.openOnSameData returned null");
    }

    /** Runs work in a read-write transaction. */
    @SuppressWarnings("NullAway") // work with no result: null is what it returns, and inTransaction only passes it on
    protected final void write(Consumer<Repositories> work) {
        storage.inTransaction(r -> {
            work.accept(r);
            return null;
        });
    }

    /** Runs work returning a value in a read-write transaction. */
    protected final <T> T writeAndGet(UnitOfWork<T> work) {
        return storage.inTransaction(work);
    }

    /** Runs work in a read-only unit of work. */
    protected final <T> T read(UnitOfWork<T> work) {
        return storage.read(work);
    }

    /** Runs a lookup in a read-only unit of work; typed for {@code assertThat}. */
    protected final <T> Optional<T> readOne(UnitOfWork<Optional<T>> work) {
        return storage.read(work);
    }

    /** Runs a list query in a read-only unit of work; typed for {@code assertThat}. */
    protected final <T> List<T> readList(UnitOfWork<List<T>> work) {
        return storage.read(work);
    }

    /**
     * Reads every page of a list with page size {@code limit}, one read per page, and checks the paging
     * rules on the way: no page holds more than the limit, a page with a next cursor is not empty, and the
     * last page (without a cursor) is empty only when the whole list is.
     */
    protected final <T> List<T> readAllPages(int limit, BiFunction<Repositories, PageRequest, Page<T>> query) {
        List<T> all = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        for (int pages = 1; ; pages++) {
            if (pages > 100_000) {
                fail("more than 100000 pages of " + limit + ": the cursor does not advance");
            }
            PageRequest current = request;
            Page<T> page = read(r -> query.apply(r, current));
            assertThat(page.items()).as("page %d with limit %d", pages, limit).hasSizeLessThanOrEqualTo(limit);
            all.addAll(page.items());
            if (!page.hasNext()) {
                if (page.items().isEmpty() && pages > 1) {
                    fail("page " + pages + " (limit " + limit + ") is empty: the page before it, holding the last"
                            + " items, must not have had a next cursor");
                }
                return all;
            }
            assertThat(page.items()).as("page %d with limit %d has a next cursor", pages, limit).isNotEmpty();
            request = request.next(page).orElseThrow();
        }
    }

    /** The ids of {@code items}, for assertions with readable messages. */
    protected static <T> List<UUID> ids(List<T> items, Function<T, UUID> id) {
        List<UUID> ids = new ArrayList<>(items.size());
        for (T item : items) {
            ids.add(id.apply(item));
        }
        return ids;
    }

    /** {@code items} sorted by {@code key}, as a new list. */
    protected static <T> List<T> sorted(List<T> items, Comparator<? super T> order) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return copy;
    }

    /** Ascending id order, as databases sort UUIDs. */
    protected static <T> Comparator<T> byId(Function<T, UUID> id) {
        return Comparator.comparing(id, Uuid7.ORDER);
    }
}
