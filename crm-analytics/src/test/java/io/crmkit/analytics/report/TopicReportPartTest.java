package io.crmkit.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.analytics.feedback.FeedbackText;
import io.crmkit.analytics.feedback.FeedbackTopics;
import io.crmkit.analytics.feedback.TopicTrend;
import io.crmkit.analytics.text.CrmEntities;
import io.crmkit.core.Crm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.satisfaction.NewSurveyResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The topics part: survey comments and the host's texts, in every format with the same numbers. */
class TopicReportPartTest {
    private Crm crm;

    @BeforeEach
    void data() {
        crm = Crm.builder().storage(InMemoryStorage.create()).build();
        Customer c = crm.customers().create(NewCustomer.person("王芳"));
        int[] delivery = {1, 10};
        for (int m = 0; m < 2; m++) {
            for (int i = 0; i < 20; i++) {
                String comment = i < delivery[m] ? "Slow delivery, the <courier> was late" : "Friendly support staff";
                crm.surveys().record(NewSurveyResponse.csat(c.id(), i < delivery[m] ? 2 : 5).comment(comment)
                        .respondedAt(at(m + 1, i + 1)));
            }
        }
        crm.surveys().record(NewSurveyResponse.csat(c.id(), 4).respondedAt(at(2, 25))); // no comment: no text
    }

    @AfterEach
    void close() {
        crm.close();
    }

    private static Instant at(int month, int day) {
        return LocalDate.of(2026, month, day).atTime(9, 0).toInstant(ZoneOffset.UTC);
    }

    @Test
    void surveyCommentsAndOtherTextsMakeTheTopicsPartInEveryFormat() throws Exception {
        FeedbackTopics topics = FeedbackTopics.builder()
                .entities(CrmEntities.builder().products(List.of("Mi Band 8")).build()).build();
        AnalyticsReport r = AnalyticsReport.builder(crm).topics(topics)
                .feedback(List.of(FeedbackText.of("The Mi Band 8 strap broke, slow delivery too", at(2, 26)),
                        new FeedbackText("Friendly support staff", at(2, 27), Optional.of("<Pro> & Co")))).build();

        var t = r.topics().orElseThrow();
        assertThat(t.texts()).isEqualTo(42);
        TopicTrend delivery = t.trends().stream().filter(x -> x.topic().equals("slow delivery")).findFirst().orElseThrow();
        assertThat(delivery.counts()).containsExactly(1, 11);
        assertThat(delivery.direction()).isEqualTo(TopicTrend.Direction.RISING);
        assertThat(t.byProduct()).containsOnlyKeys("<Pro> & Co", "Mi Band 8");

        int rank = t.overall().indexOf(t.overall().stream().filter(x -> x.topic().equals("slow delivery")).findFirst()
                .orElseThrow()) + 1;
        String item = rank + " slow delivery";
        assertThat(r.value("topic", item, "texts")).contains("12");
        assertThat(r.value("topic", item, "trend")).contains("RISING");
        assertThat(r.value("topic_period", "2026-02-01 slow delivery", "percent")).contains(String.format(java.util.Locale.ROOT, "%.1f", 1100 / 22.0));
        assertThat(r.value("topics", "all", "texts")).contains("42");
        assertThat(r.toText()).contains("Feedback topics").contains("slow delivery");
        assertThat(r.toCsv()).contains("topic," + item + ",trend,RISING");

        String html = r.toHtml();
        assertThat(html).contains("<h2>Feedback topics</h2>").contains("slow delivery").contains("Mi Band 8")
                .contains("&lt;Pro&gt; &amp; Co").doesNotContain("<Pro>");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void withoutTopicsOrWithoutTextThereIsNoTopicsPart() {
        assertThat(AnalyticsReport.builder(crm).build().topics()).isEmpty();
        assertThat(AnalyticsReport.builder(crm).build().toHtml()).doesNotContain("Feedback topics");
        try (Crm empty = Crm.builder().storage(InMemoryStorage.create()).build()) {
            AnalyticsReport r = AnalyticsReport.builder(empty).topics(FeedbackTopics.builder().build()).build();
            assertThat(r.topics()).isEmpty();
            assertThat(r.metrics()).noneMatch(m -> m.section().startsWith("topic"));
        }
    }
}
