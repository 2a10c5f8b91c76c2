package io.crmkit.analytics.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of {@link CrmEntities} on {@code entities-labelled.txt}: 77 real sentences of the
 * shared sentiment sets and 60 synthetic CRM messages, entities marked by hand. Prints the table that
 * docs/analytics.md shows.
 */
class LabelledEntitiesTest {
    static final Set<EntityType> CRM_TYPES = EnumSet.of(EntityType.ORDER_NUMBER, EntityType.PHONE, EntityType.EMAIL,
            EntityType.MONEY, EntityType.DATE, EntityType.PRODUCT);
    static final LocalDate REFERENCE = LocalDate.of(2026, 3, 6);

    /** The lines of the set: source, then the marked text; and the product dictionary of its header. */
    static Map<String, List<EntityEvaluation.Marked>> read(List<String> products) throws IOException {
        String content;
        try (InputStream in = Objects.requireNonNull(LabelledEntitiesTest.class.getResourceAsStream("entities-labelled.txt"))) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<EntityEvaluation.Marked>> bySource = new TreeMap<>();
        for (String line : content.split("\n")) {
            if (line.startsWith("#products: ")) {
                products.addAll(List.of(line.substring("#products: ".length()).split("\\|")));
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            String source = line.substring(0, tab);
            String group = source.startsWith("synthetic") ? "synthetic" : "real";
            bySource.computeIfAbsent(group, k -> new ArrayList<>()).add(EntityEvaluation.parse(line.substring(tab + 1)));
        }
        return bySource;
    }

    @Test
    void crmEntitiesOnTheLabelledSet() throws IOException {
        List<String> products = new ArrayList<>();
        Map<String, List<EntityEvaluation.Marked>> sets = read(products);
        assertThat(sets.get("real")).hasSize(77);
        assertThat(sets.get("synthetic")).hasSize(60);
        CrmEntities finder = CrmEntities.builder().products(products).build();
        EntityEvaluation all = new EntityEvaluation();
        for (Map.Entry<String, List<EntityEvaluation.Marked>> set : sets.entrySet()) {
            EntityEvaluation part = new EntityEvaluation();
            for (EntityEvaluation.Marked m : set.getValue()) {
                List<Entity> found = finder.find(m.text(), REFERENCE);
                part.add(m.entities(), found, CRM_TYPES);
                all.add(m.entities(), found, CRM_TYPES);
            }
            print(set.getKey(), part);
        }
        print("all", all);
        for (EntityEvaluation.Score s : all.scores()) {
            assertThat(s.precision()).as(s.type() + " precision").isGreaterThanOrEqualTo(0.8);
            assertThat(s.recall()).as(s.type() + " recall").isGreaterThanOrEqualTo(0.8);
        }
    }

    static void print(String name, EntityEvaluation e) {
        for (EntityEvaluation.Score s : e.scores()) {
            System.out.printf(Locale.ROOT, "%-9s | %-12s | %3d marked | %3d found | %3d right | precision %.3f | recall %.3f%n",
                    name, s.type(), s.marked(), s.found(), s.correct(), s.precision(), s.recall());
        }
    }

    @Test
    void marksAreParsed() {
        EntityEvaluation.Marked m = EntityEvaluation.parse("订单号[[ORDER_NUMBER|123456]]的[[MONEY|5元]]");
        assertThat(m.text()).isEqualTo("订单号123456的5元");
        assertThat(m.entities()).extracting(Entity::start, Entity::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, 9), org.assertj.core.groups.Tuple.tuple(10, 12));
    }
}
