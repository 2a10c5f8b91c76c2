package io.crmkit.analytics.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.satisfaction.NewSurveyResponse;
import io.crmkit.core.satisfaction.SurveyQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsQuotedCsvWithAHeader() throws IOException {
        Path f = dir.resolve("a.csv");
        Files.writeString(f, "label,review\n1,\"好,很好\"\"真的\"\"\"\n0,差劲\n1,\"two\nlines\"\n", StandardCharsets.UTF_8);
        assertThat(LabelledFiles.read(f)).containsExactly(new LabelledText("好,很好\"真的\"", true),
                new LabelledText("差劲", false), new LabelledText("two\nlines", true));
    }

    @Test
    void readsTabSeparatedTextThenLabel() throws IOException {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "Great movie.  \t1\nAwful\t0\n", StandardCharsets.UTF_8);
        assertThat(LabelledFiles.read(f)).containsExactly(new LabelledText("Great movie.", true), new LabelledText("Awful", false));
    }

    @Test
    void rejectsAnUnknownLabel() throws IOException {
        Path f = dir.resolve("b.txt");
        Files.writeString(f, "Fine\tyes\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LabelledFiles.read(f)).isInstanceOf(ValidationException.class).hasMessageContaining("label");
    }

    @Test
    void splitIsAPartitionAndRepeatableForASeed() {
        List<LabelledText> texts = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            texts.add(new LabelledText("t" + i, i % 2 == 0));
        }
        LabelledFiles.Split a = LabelledFiles.split(texts, 0.2, 7);
        assertThat(a.test()).hasSize(20);
        assertThat(a.training()).hasSize(81);
        HashSet<LabelledText> union = new HashSet<>(a.training());
        union.addAll(a.test());
        assertThat(union).hasSize(101);
        assertThat(LabelledFiles.split(texts, 0.2, 7)).isEqualTo(a);
        assertThat(LabelledFiles.split(texts, 0.2, 8)).isNotEqualTo(a);
    }

    @Test
    void surveyCommentsAreLabelledByTheirScores() {
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).build()) {
            CustomerId c = crm.customers().create(NewCustomer.person("赵六")).id();
            crm.surveys().record(NewSurveyResponse.csat(c, 5).comment("很满意"));
            crm.surveys().record(NewSurveyResponse.csat(c, 3).comment("还行"));
            crm.surveys().record(NewSurveyResponse.csat(c, 1).comment("太慢了"));
            crm.surveys().record(NewSurveyResponse.nps(c, 10));
            crm.surveys().record(NewSurveyResponse.nps(c, 6).comment("一般"));
            crm.surveys().record(NewSurveyResponse.ces(c, 7).comment("流程太复杂"));
            crm.surveys().record(NewSurveyResponse.ces(c, 1).comment("很简单"));
            assertThat(LabelledText.fromSurveyComments(crm, SurveyQuery.all())).containsExactlyInAnyOrder(
                    new LabelledText("很满意", true), new LabelledText("太慢了", false), new LabelledText("一般", false),
                    new LabelledText("流程太复杂", false), new LabelledText("很简单", true));
        }
    }
}
