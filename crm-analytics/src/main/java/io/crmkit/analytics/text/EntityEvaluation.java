package io.crmkit.analytics.text;

import io.crmkit.core.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Precision and recall of found entities against entities marked by hand, per type, for tuning order-number
 * patterns or product dictionaries on the host's own texts. A found entity is right when a marked one has the
 * same type and exactly the same span.
 *
 * <p>Texts are marked inline: {@code 订单号[[ORDER_NUMBER|20260301123]]昨天还没到} ({@link #parse}).
 */
public final class EntityEvaluation {
    private final Map<EntityType, int[]> counts = new EnumMap<>(EntityType.class);

    /** An empty tally. */
    public EntityEvaluation() {
    }

    /**
     * A text with its entities marked inline as {@code [[TYPE|text]]}.
     *
     * @param text     the text without the marks
     * @param entities the marked entities with their spans in {@code text}; their values are their texts
     */
    public record Marked(String text, List<Entity> entities) {
        /** Copies the list. */
        public Marked {
            Objects.requireNonNull(text, "text");
            entities = List.copyOf(entities);
        }
    }

    /**
     * Reads a marked text.
     *
     * @throws ValidationException naming field {@code marks} for an unclosed mark or an unknown type
     */
    public static Marked parse(String marked) {
        Objects.requireNonNull(marked, "marked");
        StringBuilder text = new StringBuilder();
        List<Entity> entities = new ArrayList<>();
        int i = 0;
        while (i < marked.length()) {
            int open = marked.indexOf("[[", i);
            if (open < 0) {
                text.append(marked, i, marked.length());
                break;
            }
            text.append(marked, i, open);
            int bar = marked.indexOf('|', open);
            int close = marked.indexOf("]]", open);
            if (bar < 0 || close < 0 || bar > close) {
                throw ValidationException.of("marks", "format", "a mark opened at " + open + " is not [[TYPE|text]]");
            }
            EntityType type;
            try {
                type = EntityType.valueOf(marked.substring(open + 2, bar));
            } catch (IllegalArgumentException e) {
                throw ValidationException.of("marks", "type", "unknown entity type " + marked.substring(open + 2, bar));
            }
            String span = marked.substring(bar + 1, close);
            entities.add(new Entity(type, text.length(), text.length() + span.length(), span, span));
            text.append(span);
            i = close + 2;
        }
        return new Marked(text.toString(), entities);
    }

    /** Counts the found entities of one text against its marked ones (only the types in {@code types}). */
    public void add(Collection<Entity> marked, Collection<Entity> found, Set<EntityType> types) {
        Set<String> gold = new HashSet<>();
        for (Entity e : marked) {
            if (types.contains(e.type())) {
                gold.add(key(e));
                tally(e.type())[2]++;
            }
        }
        for (Entity e : found) {
            if (types.contains(e.type())) {
                int[] c = tally(e.type());
                c[1]++;
                if (gold.contains(key(e))) {
                    c[0]++;
                }
            }
        }
    }

    private int[] tally(EntityType type) {
        return counts.computeIfAbsent(type, t -> new int[3]);
    }

    private static String key(Entity e) {
        return e.type() + ":" + e.start() + ":" + e.end();
    }

    /** The scores per type seen so far, in the order of {@link EntityType}. */
    public List<Score> scores() {
        List<Score> out = new ArrayList<>();
        counts.forEach((type, c) -> out.add(new Score(type, c[0], c[1], c[2])));
        return out;
    }

    /**
     * How well one type was found.
     *
     * @param type    the entity type
     * @param correct found entities that match a marked one
     * @param found   entities found
     * @param marked  entities marked by hand
     */
    public record Score(EntityType type, int correct, int found, int marked) {
        /** Share of found entities that are right; {@code NaN} when none was found. */
        public double precision() {
            return found == 0 ? Double.NaN : (double) correct / found;
        }

        /** Share of marked entities that were found; {@code NaN} when none was marked. */
        public double recall() {
            return marked == 0 ? Double.NaN : (double) correct / marked;
        }
    }
}
