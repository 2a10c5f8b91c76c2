package io.crmkit.analytics.hanlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.analytics.text.CrmEntities;
import io.crmkit.analytics.text.Entity;
import io.crmkit.analytics.text.EntityEvaluation;
import io.crmkit.analytics.text.EntityType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * HanLP's persons, places and organisations, and the CRM entities on HanLP's analysis, on the hand-marked set
 * of crm-analytics ({@code entities-labelled.txt}; persons, places and organisations are marked in its Chinese
 * texts only). Prints the table that docs/analytics.md shows.
 */
class LabelledEntitiesHanLpTest {
    private static final Path SET = Path.of("../crm-analytics/src/test/resources/io/crmkit/analytics/text/entities-labelled.txt");

    @Test
    void namedEntitiesOnTheLabelledSet() throws IOException {
        List<String> lines = Files.readAllLines(SET, StandardCharsets.UTF_8);
        List<String> products = new ArrayList<>();
        HanLpTextAnalyzer hanlp = HanLpTextAnalyzer.create();
        for (String line : lines) {
            if (line.startsWith("#products: ")) {
                products.addAll(List.of(line.substring("#products: ".length()).split("\\|")));
            }
        }
        hanlp.addWords(products);
        CrmEntities finder = CrmEntities.builder().products(products).build();
        Set<EntityType> all = EnumSet.allOf(EntityType.class);
        EntityEvaluation real = new EntityEvaluation();
        EntityEvaluation synthetic = new EntityEvaluation();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            String source = line.substring(0, tab);
            if (source.startsWith("imdb")) {
                continue; // persons, places and organisations are marked in Chinese texts only
            }
            EntityEvaluation.Marked m = EntityEvaluation.parse(line.substring(tab + 1));
            List<Entity> found = finder.find(hanlp.analyze(m.text()), LocalDate.of(2026, 3, 6));
            (source.startsWith("synthetic") ? synthetic : real).add(m.entities(), found, all);
        }
        print("real zh", real);
        print("synthetic", synthetic);
        EntityEvaluation.Score places = real.scores().stream().filter(s -> s.type() == EntityType.PLACE).findFirst().orElseThrow();
        assertThat(places.marked()).isEqualTo(22);
        assertThat(places.recall()).isGreaterThan(0.3);
    }

    private static void print(String name, EntityEvaluation e) {
        for (EntityEvaluation.Score s : e.scores()) {
            System.out.printf(Locale.ROOT, "%-9s | %-12s | %3d marked | %3d found | %3d right | precision %.3f | recall %.3f%n",
                    name, s.type(), s.marked(), s.found(), s.correct(), s.precision(), s.recall());
        }
    }
}
