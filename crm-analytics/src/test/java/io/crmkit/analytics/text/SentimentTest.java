package io.crmkit.analytics.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.crmkit.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentimentTest {
    private final SentimentModel builtIn = SentimentModel.builtIn();

    @Test
    void builtInModelReadsClearEnglishAndChinese() {
        assertThat(builtIn.analyze("The support team was very helpful and friendly").polarity()).isEqualTo(Polarity.POSITIVE);
        assertThat(builtIn.analyze("Terrible service, rude staff, a waste of money").polarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(builtIn.analyze("房间干净，服务很周到，下次还会再来").polarity()).isEqualTo(Polarity.POSITIVE);
        assertThat(builtIn.analyze("前台态度恶劣，房间又脏又吵，太失望了").polarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(builtIn.analyze("The parcel arrived on Tuesday").polarity()).isEqualTo(Polarity.NEUTRAL);
        assertThat(builtIn.analyze("The parcel arrived on Tuesday").score()).isZero();
    }

    /** Words the library's own lexicon lacks come from VADER's, weaker than its own. */
    @Test
    void vaderFillsInEnglishWordsTheOwnLexiconLacks() {
        assertThat(builtIn.analyze("The plot was dreadful").polarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(builtIn.analyze("A delightful evening").polarity()).isEqualTo(Polarity.POSITIVE);
        assertThat(builtIn.analyze("not dreadful at all").polarity()).isEqualTo(Polarity.POSITIVE);
        // "superb" is ours (3); VADER rates "marvelous" 2.9, taken at half: ours weigh more
        assertThat(builtIn.analyze("superb").score()).isGreaterThan(builtIn.analyze("marvelous").score());
    }

    @Test
    void negationFlipsAndIntensifiersStrengthen() {
        assertThat(builtIn.analyze("not good").polarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(builtIn.analyze("服务不好").polarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(builtIn.analyze("不错").polarity()).isEqualTo(Polarity.POSITIVE);
        assertThat(builtIn.analyze("very good").score()).isGreaterThan(builtIn.analyze("good").score());
        assertThat(builtIn.analyze("非常满意").score()).isGreaterThan(builtIn.analyze("满意").score());
    }

    @Test
    void contrastWeighsTheSecondPartMore() {
        assertThat(builtIn.analyze("The room was nice but the staff were rude").polarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(builtIn.analyze("位置有点偏僻，但是服务很好").polarity()).isEqualTo(Polarity.POSITIVE);
    }

    @Test
    void trainedModelLearnsTheHostsVocabulary() {
        List<LabelledText> training = List.of(
                new LabelledText("物流很快，包装完好", true), new LabelledText("客服响应及时，问题当天解决", true),
                new LabelledText("发货快，质量好", true), new LabelledText("物流太慢，包装破损", false),
                new LabelledText("客服一直不回复", false), new LabelledText("质量差，发货慢", false),
                new LabelledText("quick delivery, solid packaging", true), new LabelledText("delivery was late again", false));
        NaiveBayesSentiment model = NaiveBayesSentiment.train(training);
        assertThat(model.trainingSize()).isEqualTo(8);
        assertThat(model.analyze("物流很快").polarity()).isEqualTo(Polarity.POSITIVE);
        assertThat(model.analyze("包装破损，客服不回复").polarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(model.analyze("late delivery").polarity()).isEqualTo(Polarity.NEGATIVE);
        double p = model.probabilityPositive("发货快");
        assertThat(model.analyze("发货快").score()).isCloseTo(2 * p - 1, within(1e-12));
        // a text with no known feature falls back on the class prior: here 4 of 8 are positive
        assertThat(model.probabilityPositive("zzz")).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void naiveBayesProbabilityByHand() {
        // two one-word documents: "好" positive, "差" negative; smoothing 1; features per doc: the char and the clause end
        NaiveBayesSentiment model = NaiveBayesSentiment.train(
                List.of(new LabelledText("好", true), new LabelledText("差", false)), Tokenizer.standard(), 1.0);
        // vocabulary {好, 差, "<s> </s>"}: 3 features; each class saw 2 feature occurrences
        // P(好|+) = (1+1)/(2+3), P(好|-) = (0+1)/(2+3); priors equal
        double pos = 2.0 / 5;
        double neg = 1.0 / 5;
        assertThat(model.probabilityPositive("好")).isCloseTo(pos / (pos + neg), within(1e-12));
    }

    @Test
    void evaluationCountsHitsAndMisses() {
        Evaluation e = builtIn.evaluate(List.of(new LabelledText("great", true), new LabelledText("awful", false),
                new LabelledText("awful", true), new LabelledText("Tuesday", false)));
        assertThat(e.truePositives()).isEqualTo(1);
        assertThat(e.trueNegatives()).isEqualTo(1);
        assertThat(e.falseNegatives()).isEqualTo(1);
        assertThat(e.falsePositives()).isEqualTo(1);
        assertThat(e.neutral()).isEqualTo(1);
        assertThat(e.accuracy()).isEqualTo(0.5);
    }

    @Test
    void rejectsTrainingWithOneClassOnly() {
        assertThatThrownBy(() -> NaiveBayesSentiment.train(List.of(new LabelledText("good", true))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("texts")).isTrue());
        assertThatThrownBy(() -> Sentiment.ofScore(Double.NaN)).isInstanceOf(ValidationException.class);
    }
}
