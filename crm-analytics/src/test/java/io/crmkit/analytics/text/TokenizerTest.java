package io.crmkit.analytics.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    @Test
    void englishIsLowerCasedAndSplitOnPunctuationKeepingApostrophes() {
        assertThat(Tokenizer.standard().tokens("The staff didn't help; WAIT-time was 40 min!"))
                .containsExactly("the", "staff", "didn't", "help", "wait", "time", "was", "40", "min");
        assertThat(Tokenizer.standard().clauses("Great food, slow service. Won't return"))
                .containsExactly(List.of("great", "food"), List.of("slow", "service"), List.of("won't", "return"));
    }

    @Test
    void chineseIsSegmentedByLongestDictionaryMatch() {
        assertThat(Tokenizer.standard().tokens("前台服务态度很差，早餐不错"))
                .containsExactly("前台", "服务态度", "很差", "早餐", "不错");
        // unknown characters become one-character words
        assertThat(Tokenizer.standard().tokens("鑫淼")).containsExactly("鑫", "淼");
        assertThat(Tokenizer.withWords(List.of("鑫淼")).tokens("鑫淼酒店")).containsExactly("鑫淼", "酒店");
    }

    @Test
    void mixedScriptsSplitAtTheScriptBoundary() {
        assertThat(Tokenizer.standard().tokens("WiFi信号差, App闪退"))
                .containsExactly("wifi", "信", "号", "差", "app", "闪", "退");
    }

    @Test
    void segmentationNeverLosesOrReordersCharacters() {
        Random random = new Random(1);
        String alphabet = "酒店房间服务很好差不错的了前台早餐干净方便鑫淼";
        for (int round = 0; round < 500; round++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(30);
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(String.join("", Tokenizer.standard().tokens(sb.toString()))).isEqualTo(sb.toString());
        }
    }
}
