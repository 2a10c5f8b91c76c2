package io.crmkit.analytics.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TextAnalyzerTest {
    @Test
    void builtInTokensCarrySpansIntoTheOriginalTextAndCoarseTags() {
        String text = "前台服务态度很差, WiFi’s slow: 40 min!";
        Analysis a = TextAnalyzer.create().analyze(text);
        assertThat(a.tokens()).extracting(Token::text)
                .containsExactly("前台", "服务态度", "很差", "wifi's", "slow", "40", "min");
        assertThat(a.tokens()).extracting(Token::pos)
                .containsExactly(Token.HAN, Token.HAN, Token.HAN, Token.LATIN, Token.LATIN, Token.NUMBER, Token.LATIN);
        for (Token t : a.tokens()) {
            assertThat(text.substring(t.start(), t.end()).replace('’', '\'').toLowerCase(Locale.ROOT)).isEqualTo(t.text());
        }
        assertThat(a.clauses()).hasSize(3);
        assertThat(a.entities()).isEmpty();
        assertThat(a.words()).isEqualTo(Tokenizer.standard().clauses(text));
    }

    @Test
    void customWordsStayWholeOnThatAnalyzerOnly() {
        TextAnalyzer analyzer = TextAnalyzer.create();
        assertThat(analyzer.analyze("鑫淼酒店").tokens()).extracting(Token::text).containsExactly("鑫", "淼", "酒店");
        analyzer.addWords(List.of(" 鑫淼 ", "小米手环"));
        assertThat(analyzer.analyze("鑫淼酒店").tokens()).extracting(Token::text).containsExactly("鑫淼", "酒店");
        assertThat(analyzer.analyze("小米手环坏了").tokens()).extracting(Token::text).startsWith("小米手环");
        assertThat(analyzer.customWords()).containsExactlyInAnyOrder("鑫淼", "小米手环");
        assertThat(TextAnalyzer.create().analyze("鑫淼酒店").tokens()).hasSize(3);
        assertThatThrownBy(() -> analyzer.addWords(List.of("  "))).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.hasViolation("word")).isTrue());
    }

    @Test
    void wordsAddedWhileOtherThreadsAnalyseAreSafe() throws Exception {
        TextAnalyzer analyzer = TextAnalyzer.create();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        String text = "鑫淼酒店的房间很干净" + i;
                        assertThat(String.join("", analyzer.analyze(text).tokens().stream().map(Token::text).toList()))
                                .isEqualTo(text);
                    }
                }));
            }
            jobs.add(pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    analyzer.addWords(List.of("鑫淼" + (char) ('一' + i)));
                }
            }));
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(analyzer.customWords()).hasSize(200);
    }

    @Test
    void emptyEmojiMixedScriptsAndHugeTextsGiveSaneResults() {
        TextAnalyzer analyzer = TextAnalyzer.create();
        assertThat(analyzer.analyze("").tokens()).isEmpty();
        assertThat(analyzer.analyze("   \n\t").clauses()).isEmpty();
        assertThat(analyzer.analyze("😀👍🏽 服务好😡 great 🚀").tokens()).extracting(Token::text)
                .containsExactly("服务", "好", "great");
        assertThat(analyzer.analyze("Привет мир, こんにちは, مرحبا").tokens()).extracting(Token::text)
                .contains("привет", "мир", "مرحبا");
        StringBuilder huge = new StringBuilder();
        Random random = new Random(3);
        while (huge.length() < TextAnalyzer.MAX_LENGTH - 20) {
            huge.append(random.nextBoolean() ? "房间干净，服务周到。" : "slow wifi, rude staff! 😀 ");
        }
        Analysis a = analyzer.analyze(huge.toString());
        assertThat(a.tokens()).isNotEmpty();
        assertThat(a.tokens().get(a.tokens().size() - 1).end()).isLessThanOrEqualTo(huge.length());
        huge.append("x".repeat(100));
        assertThatThrownBy(() -> analyzer.analyze(huge.toString())).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.hasViolation("text")).isTrue());
        assertThatThrownBy(() -> analyzer.analyze(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void sentimentAndKeyPhrasesRunOnAnyAnalyzersWords() {
        TextAnalyzer analyzer = TextAnalyzer.create();
        analyzer.addWords(List.of("鑫淼"));
        List<LabelledText> training = List.of(new LabelledText("鑫淼很好", true), new LabelledText("鑫淼很差", false),
                new LabelledText("服务好", true), new LabelledText("服务差", false));
        NaiveBayesSentiment nb = NaiveBayesSentiment.train(training, analyzer, 1.0);
        assertThat(nb.analyze("很好").polarity()).isEqualTo(Polarity.POSITIVE);
        List<KeyPhrase> phrases = KeyPhrases.with(analyzer).of(List.of("鑫淼酒店不错", "鑫淼酒店太吵"), 3);
        assertThat(phrases).extracting(KeyPhrase::phrase).contains("鑫淼酒店");
    }
}
