package io.crmkit.analytics.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.crmkit.core.ValidationException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrmEntitiesTest {
    private static final LocalDate MARCH_6 = LocalDate.of(2026, 3, 6);
    private final CrmEntities entities = CrmEntities.builder()
            .products(List.of("小米手环8", "Mi Band 8", "Galaxy S24")).build();

    @Test
    void chineseSupportMessage() {
        String text = "订单号：20260305001 的小米手环8昨天还没到，电话 138 0013 8000";
        List<Entity> found = entities.find(text, MARCH_6);
        assertThat(found).extracting(Entity::type, Entity::text, Entity::value).containsExactly(
                tuple(EntityType.ORDER_NUMBER, "20260305001", "20260305001"),
                tuple(EntityType.PRODUCT, "小米手环8", "小米手环8"),
                tuple(EntityType.DATE, "昨天", "2026-03-05"),
                tuple(EntityType.PHONE, "138 0013 8000", "+8613800138000"));
        for (Entity e : found) {
            assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text());
        }
    }

    @Test
    void englishSupportMessage() {
        String text = "My order SO12345678 for a mi band 8 cost $25, call +1 (415) 555-0132 or mail Bob.Smith@Example.COM.";
        assertThat(entities.find(text, MARCH_6)).extracting(Entity::type, Entity::text, Entity::value).containsExactly(
                tuple(EntityType.ORDER_NUMBER, "SO12345678", "SO12345678"),
                tuple(EntityType.PRODUCT, "mi band 8", "Mi Band 8"),
                tuple(EntityType.MONEY, "$25", "USD 25"),
                tuple(EntityType.PHONE, "+1 (415) 555-0132", "+14155550132"),
                tuple(EntityType.EMAIL, "Bob.Smith@Example.COM", "Bob.Smith@example.com"));
    }

    @Test
    void amountsInTheirCommonForms() {
        assertThat(entities.find("花了¥1,299.00，另外1299元，三百元，1.5万元，25 dollars, 两千五百块, €3.5", MARCH_6))
                .extracting(Entity::value).containsExactly("CNY 1299.00", "CNY 1299", "CNY 300", "CNY 15000", "USD 25",
                        "CNY 2500", "EUR 3.5");
    }

    @Test
    void fullWidthDigitsAndLettersReadAsAsciiWithSpansOfTheTextAsWritten() {
        String text = "对不起２０９元的房价，订单ＳＯ２０２６０３０５，电话１３８ ００１３ ８０００";
        assertThat(entities.find(text, MARCH_6)).extracting(Entity::type, Entity::text, Entity::value).containsExactly(
                tuple(EntityType.MONEY, "２０９元", "CNY 209"),
                tuple(EntityType.ORDER_NUMBER, "ＳＯ２０２６０３０５", "SO20260305"),
                tuple(EntityType.PHONE, "１３８ ００１３ ８０００", "+8613800138000"));
        assertThat(entities.find(text, MARCH_6)).allSatisfy(e -> assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text()));
    }

    @Test
    void approximateAmountsAtTheirLowerBoundAndYuanQian() {
        assertThat(entities.find("华亭宾馆才600多元，一张地图要10元钱，押金1万余元", MARCH_6))
                .extracting(Entity::text, Entity::value).containsExactly(
                        tuple("600多元", "CNY 600"), tuple("10元钱", "CNY 10"), tuple("1万余元", "CNY 10000"));
    }

    @Test
    void twoDigitYearsFallInTheCenturyAtMostTenYearsAhead() {
        assertThat(entities.find("我07年10月19日入住，98年5月1日开业，36年1月2日到期，37年1月2日", MARCH_6))
                .extracting(Entity::text, Entity::value).containsExactly(
                        tuple("07年10月19日", "2007-10-19"), tuple("98年5月1日", "1998-05-01"),
                        tuple("36年1月2日", "2036-01-02"), tuple("37年1月2日", "1937-01-02"));
        assertThat(entities.find("12007年10月19日", MARCH_6)).extracting(Entity::text).containsExactly("10月19日");
    }

    @Test
    void absoluteAndRelativeDates() {
        assertThat(entities.find("2026-03-05 到 3月5日，2025年12月1日，March 5, 2026 and 5 Mar; yesterday, "
                + "the day before yesterday, 前天, tomorrow", MARCH_6)).extracting(Entity::value).containsExactly(
                "2026-03-05", "2026-03-05", "2025-12-01", "2026-03-05", "2026-03-05", "2026-03-05", "2026-03-04",
                "2026-03-04", "2026-03-07");
        assertThat(entities.find("2026-02-30 is no date, nor is 13月40日", MARCH_6)).isEmpty();
    }

    @Test
    void numbersThatAreNoPhoneNumbersAreLeftAlone() {
        assertThat(entities.find("call 010-6552 9988 or (0755) 8888 6666, not 12345678 or 1234567", MARCH_6))
                .extracting(Entity::value).containsExactly("+861065529988", "+8675588886666");
        assertThat(entities.find("room 1203, 3 nights, 2 people, 80 m², score 4.5", MARCH_6)).isEmpty();
        assertThat(entities.find("电话13800138000 13900139000 都打不通", MARCH_6)).extracting(Entity::value)
                .containsExactly("+8613800138000", "+8613900139000");
    }

    @Test
    void orderPatternsAreConfigurable() {
        CrmEntities custom = CrmEntities.builder().orderPattern("工单\\s*(WO-\\d{4})").build();
        assertThat(custom.find("工单 WO-1234 与 SO12345678", MARCH_6)).extracting(Entity::type, Entity::value)
                .containsExactly(tuple(EntityType.ORDER_NUMBER, "WO-1234"));
        assertThatThrownBy(() -> CrmEntities.builder().orderPattern("(unclosed"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("orderPattern")).isTrue());
        assertThatThrownBy(() -> CrmEntities.builder().region("XX"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("region")).isTrue());
    }

    @Test
    void productsAddedLaterAreFoundAsWholeWords() {
        CrmEntities e = CrmEntities.standard();
        assertThat(e.find("the Galaxy S24 is fine", MARCH_6)).isEmpty();
        e.addProducts(List.of("Galaxy S24"));
        assertThat(e.find("the galaxy s24 is fine, galaxy s245 is not", MARCH_6)).extracting(Entity::start).containsExactly(4);
    }

    @Test
    void backendEntitiesJoinWhereNoCrmEntityOverlaps() {
        Analysis a = new Analysis("张三的订单SO12345678", List.of(),
                List.of(new Entity(EntityType.PERSON, 0, 2, "张三", "张三"), new Entity(EntityType.ORGANIZATION, 5, 7, "SO", "SO")));
        assertThat(entities.find(a, MARCH_6)).extracting(Entity::type)
                .containsExactly(EntityType.PERSON, EntityType.ORDER_NUMBER);
    }

    @Test
    void oddInputGivesSaneResults() {
        assertThat(entities.find("", MARCH_6)).isEmpty();
        assertThat(entities.find("😀😀 ¥ $ @ 订单号： +", MARCH_6)).isEmpty();
        String big = "电话 138 0013 8000，".repeat(40_000);
        assertThat(entities.find(big, MARCH_6)).hasSize(40_000);
        assertThatThrownBy(() -> entities.find("x".repeat(TextAnalyzer.MAX_LENGTH + 1), MARCH_6))
                .isInstanceOf(ValidationException.class);
    }
}
