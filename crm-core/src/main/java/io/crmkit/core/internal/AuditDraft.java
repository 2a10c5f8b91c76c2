package io.crmkit.core.internal;

import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain.Change;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A change for the audit trail as a service records it ({@link Engine.Tx#audit}): what was done to which record,
 * by whom, and the changed fields as text. The trail gives it its stream, sequence, salt and hashes when the unit
 * of work ends. The changes are computed only then, and only if the trail is on.
 *
 * @param at the time of the transaction that made the change
 */
public record AuditDraft(Instant at, UserRef actor, AuditSource source, RecordKind kind, UUID recordId,
                         AuditAction action, Supplier<List<Change>> changes) {

    /**
     * The changed fields between two states of a record, listed field by field in a fixed order; unchanged fields
     * are left out. A create compares with no state ({@code before} null): every field that has a value is a
     * change. Values are text: enums by name, decimals in plain notation, optionals unwrapped, the rest by
     * {@code toString()}.
     *
     * <pre>{@code
     * Diff.of(before, after).value("title", Task::title).value("dueDate", Task::dueDate).changes();
     * }</pre>
     */
    public static final class Diff<T> {
        private final @Nullable T before;
        private final T after;
        private final List<Change> changes = new ArrayList<>();

        private Diff(@Nullable T before, T after) {
            this.before = before;
            this.after = Objects.requireNonNull(after, "after");
        }

        public static <T> Diff<T> of(@Nullable T before, T after) {
            return new Diff<>(before, after);
        }

        /** One value; null or an empty optional is no value. */
        public Diff<T> value(String field, Function<T, ?> get) {
            return add(field, before == null ? null : text(get.apply(before)), text(get.apply(after)));
        }

        /** A collection in its order, one element per line; an empty one is no value. */
        public <E> Diff<T> lines(String field, Function<T, ? extends Collection<E>> get, Function<E, String> text) {
            return add(field, before == null ? null : lines(get.apply(before), text, false),
                    lines(get.apply(after), text, false));
        }

        /** A collection whose order means nothing, sorted, one element per line. */
        public <E> Diff<T> sortedLines(String field, Function<T, ? extends Collection<E>> get, Function<E, String> text) {
            return add(field, before == null ? null : lines(get.apply(before), text, true),
                    lines(get.apply(after), text, true));
        }

        /** A map, one field per key ({@code prefix.key}), in key order. */
        public <K, V> Diff<T> each(String prefix, Function<T, Map<K, V>> get, Function<V, String> text) {
            Map<String, String> old = before == null ? Map.of() : byName(get.apply(before), text);
            Map<String, String> now = byName(get.apply(after), text);
            TreeMap<String, Boolean> names = new TreeMap<>();
            old.keySet().forEach(k -> names.put(k, true));
            now.keySet().forEach(k -> names.put(k, true));
            for (String name : names.keySet()) {
                add(prefix + "." + name, old.get(name), now.get(name));
            }
            return this;
        }

        /** A field that has a value only in this change, such as the comment of a transition. */
        public Diff<T> added(String field, Optional<String> value) {
            return add(field, null, value.orElse(null));
        }

        public List<Change> changes() {
            return List.copyOf(changes);
        }

        /**
         * The item a change appended to a list that only grows (a status history, comments): the last of
         * {@code now} if it has more than {@code known} items.
         */
        public static <E> Optional<E> newest(int known, List<E> now) {
            return now.size() > known ? Optional.of(now.get(now.size() - 1)) : Optional.empty();
        }

        private Diff<T> add(String field, @Nullable String old, @Nullable String now) {
            if (!Objects.equals(old, now)) {
                changes.add(new Change(field, Optional.ofNullable(old), Optional.ofNullable(now)));
            }
            return this;
        }

        private static <K, V> Map<String, String> byName(Map<K, V> map, Function<V, String> text) {
            Map<String, String> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(k instanceof Enum<?> e ? e.name() : String.valueOf(k), text.apply(v)));
            return out;
        }

        private static <E> @Nullable String lines(Collection<E> values, Function<E, String> text, boolean sort) {
            if (values.isEmpty()) {
                return null;
            }
            List<String> out = new ArrayList<>(values.size());
            values.forEach(v -> out.add(text.apply(v)));
            if (sort) {
                out.sort(null);
            }
            return String.join("\n", out);
        }

        private static @Nullable String text(@Nullable Object value) {
            if (value instanceof Optional<?> o) {
                return o.isPresent() ? text(o.get()) : null;
            }
            if (value == null) {
                return null;
            }
            if (value instanceof Enum<?> e) {
                return e.name();
            }
            if (value instanceof BigDecimal d) {
                return d.toPlainString();
            }
            return value.toString();
        }
    }
}
