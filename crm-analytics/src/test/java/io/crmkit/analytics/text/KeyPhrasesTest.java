package io.crmkit.analytics.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPhrasesTest {
    @Test
    void repeatedPhrasesOfOneTextComeFirst() {
        List<KeyPhrase> phrases = KeyPhrases.standard().of(
                "The checkout page was slow and the checkout page crashed twice. Support staff were friendly.", 3);
        assertThat(phrases).extracting(KeyPhrase::phrase).first().isEqualTo("checkout page");
        assertThat(phrases).hasSize(3);
        assertThat(phrases).extracting(KeyPhrase::phrase).noneMatch(p -> p.contains(" the ") || p.startsWith("the"));
    }

    @Test
    void corpusPhrasesAreCountedOncePerText() {
        List<String> texts = List.of("前台服务态度很差", "前台服务态度差，早餐一般", "早餐不错", "前台服务态度好");
        List<KeyPhrase> phrases = KeyPhrases.standard().of(texts, 2);
        assertThat(phrases.get(0).phrase()).isEqualTo("前台服务态度");
        assertThat(phrases.get(0).documents()).isEqualTo(3);
        assertThat(phrases).extracting(KeyPhrase::phrase).contains("早餐");
    }

    @Test
    void distinctivePhrasesAreThoseOverRepresentedInTheTexts() {
        List<String> complaints = List.of("wifi keeps dropping", "the wifi keeps dropping at night", "slow wifi, nice room");
        List<String> all = List.of("wifi keeps dropping", "the wifi keeps dropping at night", "slow wifi, nice room",
                "nice room", "nice room and nice view", "room was nice", "great room");
        List<KeyPhrase> phrases = KeyPhrases.standard().distinctive(complaints, all, 3);
        assertThat(phrases).extracting(KeyPhrase::phrase).first().asString().contains("wifi");
        assertThat(phrases).extracting(KeyPhrase::phrase).doesNotContain("room", "nice room");
    }
}
