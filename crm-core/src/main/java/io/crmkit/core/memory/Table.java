package io.crmkit.core.memory;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.StorageException;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Rows of one aggregate by id. Every change pushes its undo action so that a failed unit of work can
 * be rolled back; changes are allowed only to the thread holding the storage's write lock.
 */
final class Table<T> {
    private final Map<UUID, T> rows = new HashMap<>();
    /** Unique keys (such as external references) to the id of the row holding them. */
    private final Map<Object, UUID> unique = new HashMap<>();
    private final Function<T, Collection<?>> uniqueKeys;
    private final Deque<Runnable> undo;
    private final ReentrantReadWriteLock lock;

    Table(Deque<Runnable> undo, ReentrantReadWriteLock lock) {
        this(undo, lock, row -> List.of());
    }

    Table(Deque<Runnable> undo, ReentrantReadWriteLock lock, Function<T, Collection<?>> uniqueKeys) {
        this.undo = undo;
        this.lock = lock;
        this.uniqueKeys = uniqueKeys;
    }

    /** The row holding a unique key. */
    Optional<T> byUniqueKey(Object key) {
        UUID id = unique.get(key);
        return id == null ? Optional.empty() : get(id);
    }

    Optional<T> get(UUID id) {
        return Optional.ofNullable(rows.get(id));
    }

    Stream<T> all() {
        return rows.values().stream();
    }

    void insert(UUID id, T row) {
        checkWritable();
        if (rows.containsKey(id)) {
            throw new ConflictException("a record with id " + id + " exists");
        }
        checkUnique(id, row);
        rows.put(id, row);
        index(id, List.of(), uniqueKeys.apply(row));
        undo.push(() -> {
            rows.remove(id);
            index(id, uniqueKeys.apply(row), List.of());
        });
    }

    /** Replaces a row of an aggregate without versions. */
    void put(UUID id, T row) {
        checkWritable();
        T previous = rows.get(id);
        if (previous == null) {
            throw new NotFoundException("no record " + id);
        }
        swap(id, previous, row);
    }

    /** Replaces the row if its stored version is one less than the new row's. */
    void replace(UUID id, T row, ToLongFunction<T> version, String what) {
        checkWritable();
        T previous = rows.get(id);
        if (previous == null) {
            throw new NotFoundException("no " + what + " " + id);
        }
        long expected = version.applyAsLong(row) - 1;
        if (version.applyAsLong(previous) != expected) {
            throw new ConflictException(what + " " + id + " is at version " + version.applyAsLong(previous)
                    + ", the update expected " + expected);
        }
        swap(id, previous, row);
    }

    private void swap(UUID id, T previous, T row) {
        checkUnique(id, row);
        rows.put(id, row);
        index(id, uniqueKeys.apply(previous), uniqueKeys.apply(row));
        undo.push(() -> {
            rows.put(id, previous);
            index(id, uniqueKeys.apply(row), uniqueKeys.apply(previous));
        });
    }

    private void checkUnique(UUID id, T row) {
        for (Object key : uniqueKeys.apply(row)) {
            UUID holder = unique.get(key);
            if (holder != null && !holder.equals(id)) {
                throw new ConflictException(key + " is already taken by " + holder);
            }
        }
    }

    private void index(UUID id, Collection<?> removed, Collection<?> added) {
        for (Object key : removed) {
            unique.remove(key, id);
        }
        for (Object key : added) {
            unique.put(key, id);
        }
    }

    void clear() {
        rows.clear();
        unique.clear();
    }

    private void checkWritable() {
        if (!lock.isWriteLockedByCurrentThread()) {
            throw new StorageException("write attempted outside a read-write unit of work");
        }
    }
}
