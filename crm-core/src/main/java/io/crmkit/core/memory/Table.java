package io.crmkit.core.memory;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.StorageException;
import org.jspecify.annotations.Nullable;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Rows of one aggregate by id, with three optional indexes: unique keys (such as external references),
 * lookup keys that several rows may share (such as provider message ids), and the set of "active" rows
 * a hot query scans instead of the whole table (such as queued messages).
 * Every change pushes its undo action so that a failed unit of work can be rolled back; changes are
 * allowed only to the thread holding the storage's write lock.
 */
final class Table<T> {
    private final Map<UUID, T> rows = new HashMap<>();
    private final Map<Object, UUID> unique = new HashMap<>();
    /** Lookup key to the id holding it, or to the set of ids when several do (rare; saves a set per row). */
    private final Map<Object, Object> lookup = new HashMap<>();
    private final Set<UUID> activeIds = new HashSet<>();
    private final Function<T, Collection<?>> uniqueKeys;
    private final Function<T, Collection<?>> lookupKeys;
    private final Predicate<T> active;
    private final Deque<Runnable> undo;
    private final ReentrantReadWriteLock lock;

    Table(Deque<Runnable> undo, ReentrantReadWriteLock lock) {
        this(undo, lock, row -> List.of());
    }

    Table(Deque<Runnable> undo, ReentrantReadWriteLock lock, Function<T, Collection<?>> uniqueKeys) {
        this(undo, lock, uniqueKeys, row -> List.of(), row -> false);
    }

    Table(Deque<Runnable> undo, ReentrantReadWriteLock lock, Function<T, Collection<?>> uniqueKeys,
          Function<T, Collection<?>> lookupKeys, Predicate<T> active) {
        this.undo = undo;
        this.lock = lock;
        this.uniqueKeys = uniqueKeys;
        this.lookupKeys = lookupKeys;
        this.active = active;
    }

    /** The row holding a unique key. */
    Optional<T> byUniqueKey(Object key) {
        UUID id = unique.get(key);
        return id == null ? Optional.empty() : get(id);
    }

    /** The rows holding a lookup key, in no particular order. */
    Stream<T> byLookupKey(Object key) {
        Object held = lookup.get(key);
        if (held == null) {
            return Stream.empty();
        }
        return held instanceof UUID id ? Stream.of(rows.get(id)) : holders(held).stream().map(rows::get);
    }

    @SuppressWarnings("unchecked")
    private static Set<UUID> holders(Object held) {
        return (Set<UUID>) held;
    }

    Optional<T> get(UUID id) {
        return Optional.ofNullable(rows.get(id));
    }

    Stream<T> all() {
        return rows.values().stream();
    }

    /** The rows the active predicate holds for, without scanning the others. */
    Stream<T> active() {
        return activeIds.stream().map(rows::get);
    }

    void insert(UUID id, T row) {
        checkWritable();
        if (rows.containsKey(id)) {
            throw new ConflictException("a record with id " + id + " exists");
        }
        checkUnique(id, row);
        rows.put(id, row);
        reindex(id, null, row);
        undo.push(() -> {
            rows.remove(id);
            reindex(id, row, null);
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

    /** Stores the row, replacing the one with its id if there is one: for rows without versions. */
    void upsert(UUID id, T row) {
        checkWritable();
        T previous = rows.get(id);
        if (previous == null) {
            insert(id, row);
        } else {
            swap(id, previous, row);
        }
    }

    /** Removes the row; whether there was one. */
    boolean delete(UUID id) {
        checkWritable();
        T previous = rows.remove(id);
        if (previous == null) {
            return false;
        }
        reindex(id, previous, null);
        undo.push(() -> {
            rows.put(id, previous);
            reindex(id, null, previous);
        });
        return true;
    }

    /**
     * Replaces every row {@code belongs} holds for (among {@code only}, when given) by {@code move} of it: a merge's
     * re-pointing of records to another customer. The ids replaced, in id order.
     */
    List<UUID> replaceWhere(Predicate<T> belongs, UnaryOperator<T> move, @Nullable Collection<UUID> only) {
        checkWritable();
        Stream<UUID> ids = only == null ? rows.keySet().stream() : only.stream().distinct().filter(rows::containsKey);
        List<UUID> moved = ids.filter(id -> belongs.test(rows.get(id))).sorted().toList();
        for (UUID id : moved) {
            T previous = Objects.requireNonNull(rows.get(id), "row"); // listed from the rows just now
            swap(id, previous, move.apply(previous));
        }
        return moved;
    }

    private void swap(UUID id, T previous, T row) {
        checkUnique(id, row);
        rows.put(id, row);
        reindex(id, previous, row);
        undo.push(() -> {
            rows.put(id, previous);
            reindex(id, row, previous);
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

    /** Moves the indexes of row {@code id} from its state {@code before} to {@code after} (null: absent). */
    private void reindex(UUID id, @Nullable T before, @Nullable T after) {
        if (before != null) {
            for (Object key : uniqueKeys.apply(before)) {
                unique.remove(key, id);
            }
            for (Object key : lookupKeys.apply(before)) {
                Object held = lookup.get(key);
                if (id.equals(held)) {
                    lookup.remove(key);
                } else if (held instanceof Set<?> && holders(held).remove(id) && holders(held).size() == 1) {
                    lookup.put(key, holders(held).iterator().next());
                }
            }
            activeIds.remove(id);
        }
        if (after != null) {
            for (Object key : uniqueKeys.apply(after)) {
                unique.put(key, id);
            }
            for (Object key : lookupKeys.apply(after)) {
                lookup.merge(key, id, (held, added) -> {
                    if (held instanceof Set<?>) {
                        holders(held).add(id);
                        return held;
                    }
                    if (held.equals(id)) {
                        return held;
                    }
                    Set<UUID> both = new HashSet<>(4);
                    both.add((UUID) held);
                    both.add(id);
                    return both;
                });
            }
            if (active.test(after)) {
                activeIds.add(id);
            }
        }
    }

    void clear() {
        rows.clear();
        unique.clear();
        lookup.clear();
        activeIds.clear();
    }

    private void checkWritable() {
        if (!lock.isWriteLockedByCurrentThread()) {
            throw new StorageException("write attempted outside a read-write unit of work");
        }
    }
}
