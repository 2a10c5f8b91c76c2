package io.crmkit.analytics.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.crmkit.core.Crm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.satisfaction.NewSurveyResponse;
import io.crmkit.core.satisfaction.SurveyQuery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentimentClassifierTest {
    private static final List<LabelledText> TRAINING = List.of(
            new LabelledText("物流很快，包装完好", true), new LabelledText("客服响应及时，问题当天解决", true),
            new LabelledText("发货快，质量好", true), new LabelledText("物流太慢，包装破损", false),
            new LabelledText("客服一直不回复", false), new LabelledText("质量差，发货慢", false),
            new LabelledText("quick delivery, solid packaging", true), new LabelledText("delivery was late again", false),
            new LabelledText("not good at all\tstill\\waiting", false), new LabelledText("great help, thanks", true));

    @Test
    void bothMethodsLearnTheHostsVocabulary() {
        for (SentimentClassifier.Method m : SentimentClassifier.Method.values()) {
            SentimentClassifier model = SentimentClassifier.trainer().method(m).train(TRAINING);
            assertThat(model.trainingSize()).isEqualTo(10);
            assertThat(model.analyze("物流很快").polarity()).as(m.name()).isEqualTo(Polarity.POSITIVE);
            assertThat(model.analyze("包装破损，客服不回复").polarity()).as(m.name()).isEqualTo(Polarity.NEGATIVE);
            assertThat(model.method()).isNotEqualTo(SentimentClassifier.Method.AUTO);
            double p = model.probabilityPositive("发货快");
            assertThat(model.analyze("发货快").score()).isCloseTo(2 * p - 1, within(1e-12));
        }
    }

    @Test
    void naiveBayesMethodAgreesWithNaiveBayesSentimentWithoutTheLexicon() {
        SentimentClassifier c = SentimentClassifier.trainer().method(SentimentClassifier.Method.NAIVE_BAYES)
                .lexiconFeatures(false).train(TRAINING);
        NaiveBayesSentiment nb = NaiveBayesSentiment.train(TRAINING);
        for (String t : List.of("物流很快", "not good", "客服不回复", "zzz", "late delivery, great help")) {
            assertThat(c.probabilityPositive(t)).as(t).isCloseTo(nb.probabilityPositive(t), within(1e-9));
        }
    }

    @Test
    void saveAndLoadGiveTheSameModel() throws IOException {
        SentimentClassifier model = SentimentClassifier.trainer().method(SentimentClassifier.Method.NB_LOGISTIC)
                .chineseWordFeatures(true).negationScope(2).train(TRAINING);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        String file = out.toString(StandardCharsets.UTF_8);
        assertThat(file).startsWith("crmkit-sentiment-model 1\nmethod NB_LOGISTIC\nanalyzer builtin\nnegation-scope 2\n")
                .endsWith("\nend\n");
        assertThat(SentimentModelFormat.unescape(SentimentModelFormat.escape("a\tb\\c\nd\re")))
                .isEqualTo("a\tb\\c\nd\re");
        SentimentClassifier loaded = SentimentClassifier.load(new ByteArrayInputStream(out.toByteArray()));
        assertThat(loaded.vocabularySize()).isEqualTo(model.vocabularySize());
        assertThat(loaded.trainingSize()).isEqualTo(10);
        assertThat(loaded.method()).isEqualTo(SentimentClassifier.Method.NB_LOGISTIC);
        for (LabelledText t : TRAINING) {
            assertThat(loaded.logOdds(t.text())).isEqualTo(model.logOdds(t.text()));
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        loaded.save(again);
        assertThat(again.toByteArray()).isEqualTo(out.toByteArray());
    }

    @Test
    void loadRefusesANewerVersionAnotherAnalyzerAndBrokenFiles() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SentimentClassifier.train(TRAINING).save(out);
        String file = out.toString(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> load(file.replace("crmkit-sentiment-model 1", "crmkit-sentiment-model 2")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.hasViolation("model")).isTrue();
                    assertThat(e.getMessage()).contains("version 2", "newer");
                });
        assertThatThrownBy(() -> load(file.replace("analyzer builtin", "analyzer hanlp")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("hanlp"));
        assertThatThrownBy(() -> load("hello")).isInstanceOf(ValidationException.class).hasMessageContaining("not a crmkit");
        assertThatThrownBy(() -> load(file.substring(0, file.length() / 2))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> load(file.replace("end\n", "0.5\textra\nend\n")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("end");
    }

    private static SentimentClassifier load(String file) throws IOException {
        return SentimentClassifier.load(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void trainsOnSurveyCommentsLabelledByScore() {
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).build()) {
            CustomerId c = crm.customers().create(NewCustomer.person("赵六")).id();
            List<String> good = List.of("很满意，客服耐心", "发货快，很好", "服务周到，满意");
            List<String> bad = List.of("太慢了，很失望", "客服态度差", "质量差，不满意");
            for (int i = 0; i < 3; i++) {
                crm.surveys().record(NewSurveyResponse.csat(c, 5).comment(good.get(i)));
                crm.surveys().record(NewSurveyResponse.csat(c, 1).comment(bad.get(i)));
            }
            List<LabelledText> texts = new ArrayList<>(LabelledText.fromSurveyComments(crm, SurveyQuery.all()));
            assertThat(texts).hasSize(6);
            SentimentClassifier model = SentimentClassifier.train(texts);
            assertThat(model.analyze("客服很耐心").polarity()).isEqualTo(Polarity.POSITIVE);
            assertThat(model.analyze("很失望").polarity()).isEqualTo(Polarity.NEGATIVE);
        }
    }

    @Test
    void rejectsOneClassAndBadSettings() {
        assertThatThrownBy(() -> SentimentClassifier.train(List.of(new LabelledText("good", true))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("texts")).isTrue());
        assertThatThrownBy(() -> SentimentClassifier.trainer().negationScope(11))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("negationScope")).isTrue());
        SentimentClassifier model = SentimentClassifier.train(TRAINING);
        assertThat(model.analyze("").polarity()).isNotNull();
        assertThat(model.analyze("😀😀😀").score()).isBetween(-1.0, 1.0);
    }
}
