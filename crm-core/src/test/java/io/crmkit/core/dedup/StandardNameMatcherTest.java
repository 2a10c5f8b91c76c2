package io.crmkit.core.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the built-in matcher reads from a name and what it does and does not consider one name. */
class StandardNameMatcherTest {
    private final NameMatcher matcher = NameMatcher.standard();

    private double similarity(String a, String b) {
        return matcher.similarity(matcher.key(a), matcher.key(b));
    }

    @Test
    void latinNamesAreNormalisedAndTheirWordsSorted() {
        assertThat(matcher.key("  WEI,  Zhang!! ").key()).isEqualTo("wei zhang");
        assertThat(matcher.key("José  Müller").key()).isEqualTo("jose muller");
        assertThat(matcher.key("Ｊｏｓé").key()).as("full-width letters, NFKD").isEqualTo("jose");
        assertThat(similarity("Zhang Wei", "WEI, Zhang")).isEqualTo(1.0);
        assertThat(similarity("Jonathan O'Brien", "Jonathon O'Brien")).isGreaterThan(0.9);
        assertThat(similarity("Jonathan O'Brien", "Maria Garcia")).isLessThan(0.7);
    }

    @Test
    void aNameWithoutLettersHasNoKeyAndMatchesNothing() {
        assertThat(matcher.key("😀 ';--").blockingKeys()).isEmpty();
        assertThat(matcher.key("").key()).isEmpty();
        assertThat(similarity("😀", "😀")).isZero();
        assertThat(similarity("", "Anna")).isZero();
    }

    @Test
    void chineseNamesByTheirCharacters() {
        NameKey key = matcher.key("张小明");
        assertThat(key.characters()).isEqualTo("张小明");
        assertThat(key.blockingKeys()).contains("小明 张");
        assertThat(similarity("张伟", "张伟")).isEqualTo(1.0);
        assertThat(similarity("张伟 😀", "张伟")).isEqualTo(1.0);
        assertThat(similarity("张伟", "张玮")).as("one character of two shared").isBetween(0.3, 0.7);
        assertThat(similarity("张伟", "李娜")).isLessThan(0.3);
    }

    @Test
    void traditionalCharactersAndPinyinAreNotKnownWithoutIcu() {
        assertThat(similarity("张伟", "張偉")).isLessThan(DuplicateQuery.DEFAULT_NAME_SIMILARITY);
        assertThat(similarity("张伟", "Zhang Wei")).isLessThan(DuplicateQuery.DEFAULT_NAME_SIMILARITY);
    }

    @Test
    void settingsTakeAMatcherAndRefuseNull() {
        assertThat(DuplicateSettings.DEFAULT.nameMatcher()).isSameAs(NameMatcher.standard());
        NameMatcher exact = new NameMatcher() {
            @Override
            public NameKey key(String name) {
                return NameKey.of(java.util.List.of(name), "");
            }

            @Override
            public double similarity(NameKey a, NameKey b) {
                return a.key().equals(b.key()) ? 1 : 0;
            }
        };
        assertThat(DuplicateSettings.builder().nameMatcher(exact).build().nameMatcher()).isSameAs(exact);
        org.assertj.core.api.Assertions.assertThatNullPointerException()
                .isThrownBy(() -> DuplicateSettings.builder().nameMatcher(null));
    }
}
