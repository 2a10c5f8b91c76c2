package io.crmkit.analytics.hanlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.crmkit.analytics.text.Analysis;
import io.crmkit.analytics.text.CrmEntities;
import io.crmkit.analytics.text.Entity;
import io.crmkit.analytics.text.EntityType;
import io.crmkit.analytics.text.KeyPhrase;
import io.crmkit.analytics.text.KeyPhrases;
import io.crmkit.analytics.text.LabelledText;
import io.crmkit.analytics.text.Polarity;
import io.crmkit.analytics.text.SentimentClassifier;
import io.crmkit.analytics.text.TextAnalyzer;
import io.crmkit.analytics.text.Token;
import io.crmkit.core.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class HanLpTextAnalyzerTest {
    private static final HanLpTextAnalyzer HANLP = HanLpTextAnalyzer.create();

    @Test
    void segmentsAndTagsChinese() {
        Analysis a = HANLP.analyze("前台服务态度很差，早餐不错");
        assertThat(a.tokens()).extracting(Token::text, Token::pos).containsExactly(
                tuple("前台", "n"), tuple("服务", "vn"), tuple("态度", "n"), tuple("很差", "d"),
                tuple("早餐", "n"), tuple("不错", "a"));
        assertThat(a.clauses()).hasSize(2);
    }

    @Test
    void recognisesPersonsPlacesAndOrganisationsWithTheirSpans() {
        String text = "张三在北京市朝阳区的华为技术有限公司工作，昨天在上海遇到了李明";
        Analysis a = HANLP.analyze(text);
        assertThat(a.entities()).extracting(Entity::type, Entity::text).containsExactly(
                tuple(EntityType.PERSON, "张三"), tuple(EntityType.PLACE, "北京市"), tuple(EntityType.PLACE, "朝阳区"),
                tuple(EntityType.ORGANIZATION, "华为技术有限公司"), tuple(EntityType.PLACE, "上海"),
                tuple(EntityType.PERSON, "李明"));
        for (Entity e : a.entities()) {
            assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text());
        }
        for (Token t : a.tokens()) {
            assertThat(text.substring(t.start(), t.end())).isEqualTo(t.text());
        }
    }

    @Test
    void customWordsStayWholeOnThisAnalyzerOnly() {
        HanLpTextAnalyzer mine = HanLpTextAnalyzer.create();
        assertThat(mine.analyze("鑫淼酒店的小米手环8坏了").tokens()).extracting(Token::text).doesNotContain("小米手环8");
        mine.addWords(List.of("小米手环8"));
        assertThat(mine.analyze("鑫淼酒店的小米手环8坏了").tokens()).extracting(Token::text, Token::pos)
                .contains(tuple("小米手环8", "nz"));
        assertThat(HanLpTextAnalyzer.create().analyze("鑫淼酒店的小米手环8坏了").tokens()).extracting(Token::text)
                .doesNotContain("小米手环8");
        assertThat(mine.customWords()).containsExactly("小米手环8");
        assertThatThrownBy(() -> mine.addWords(List.of(""))).isInstanceOf(ValidationException.class);
    }

    @Test
    void englishTakesTheBuiltInPath() {
        String text = "The staff didn't help; WAIT-time was 40 min!";
        assertThat(HANLP.analyze(text)).isEqualTo(TextAnalyzer.create().analyze(text));
        assertThat(HANLP.analyze("WiFi信号差, didn't work").tokens()).extracting(Token::text)
                .containsExactly("wifi", "信号", "差", "didn't", "work");
    }

    @Test
    void crmEntitiesAndBackendEntitiesTogether() {
        String text = "昨天在上海遇到了李明，他的订单号：20260305001退款299元还没到，电话13800138000";
        List<Entity> all = CrmEntities.standard().find(HANLP.analyze(text), LocalDate.of(2026, 3, 6));
        assertThat(all).extracting(Entity::type, Entity::value).containsExactly(
                tuple(EntityType.DATE, "2026-03-05"), tuple(EntityType.PLACE, "上海"), tuple(EntityType.PERSON, "李明"),
                tuple(EntityType.ORDER_NUMBER, "20260305001"), tuple(EntityType.MONEY, "CNY 299"),
                tuple(EntityType.PHONE, "+8613800138000"));
    }

    @Test
    void sentimentAndKeyPhrasesOnHanLpWords() throws IOException {
        List<LabelledText> training = List.of(
                new LabelledText("房间干净，服务周到", true), new LabelledText("早餐丰富，位置方便", true),
                new LabelledText("前台态度恶劣", false), new LabelledText("房间又脏又吵", false),
                new LabelledText("服务很好，下次还来", true), new LabelledText("隔音太差，很失望", false));
        SentimentClassifier model = SentimentClassifier.trainer().analyzer(HANLP).chineseWordFeatures(true).train(training);
        assertThat(model.analyze("服务周到，早餐丰富").polarity()).isEqualTo(Polarity.POSITIVE);
        assertThat(model.analyze("前台很吵，很失望").polarity()).isEqualTo(Polarity.NEGATIVE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("analyzer hanlp\n");
        SentimentClassifier loaded = SentimentClassifier.load(new ByteArrayInputStream(out.toByteArray()), HANLP);
        assertThat(loaded.logOdds("服务周到")).isEqualTo(model.logOdds("服务周到"));
        assertThatThrownBy(() -> SentimentClassifier.load(new ByteArrayInputStream(out.toByteArray())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("hanlp");
        List<KeyPhrase> phrases = KeyPhrases.with(HANLP).of(List.of("早餐很丰富", "早餐不错", "前台态度差"), 2);
        assertThat(phrases).extracting(KeyPhrase::phrase).contains("早餐");
    }

    @Test
    void oddInputGivesSaneResults() {
        assertThat(HANLP.analyze("").tokens()).isEmpty();
        assertThat(HANLP.analyze("😀👍🏽 服务好😡 great 🚀").tokens()).extracting(Token::text).contains("服务", "great");
        assertThat(HANLP.analyze("Привет мир，こんにちは，你好").tokens()).isNotEmpty();
        StringBuilder huge = new StringBuilder();
        while (huge.length() < TextAnalyzer.MAX_LENGTH - 20) {
            huge.append("房间干净，服务周到，张三很满意。");
        }
        Analysis a = HANLP.analyze(huge.toString());
        assertThat(a.tokens().size()).isGreaterThan(100_000);
        assertThatThrownBy(() -> HANLP.analyze("好".repeat(TextAnalyzer.MAX_LENGTH + 1)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void wordsAddedWhileOtherThreadsAnalyseAreSafe() throws Exception {
        HanLpTextAnalyzer mine = HanLpTextAnalyzer.create();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        assertThat(mine.analyze("鑫淼酒店的房间很干净" + i).tokens()).isNotEmpty();
                    }
                }));
            }
            jobs.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    mine.addWords(List.of("鑫淼" + (char) ('一' + i)));
                }
            }));
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mine.customWords()).hasSize(100);
    }
}
