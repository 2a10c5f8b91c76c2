package io.crmkit.core.messaging;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessagingValuesTest {

    @Test
    void gsm7MessagesFit160SeptetsThen153PerSegment() {
        assertThat(SmsLength.of("")).isEqualTo(new SmsLength(SmsLength.Encoding.GSM7, 0, 0, 0));
        assertThat(SmsLength.of("a".repeat(160))).isEqualTo(new SmsLength(SmsLength.Encoding.GSM7, 160, 160, 1));
        assertThat(SmsLength.of("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsLength.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsLength.of("a".repeat(307)).segments()).isEqualTo(3);
        // extension characters take two septets
        SmsLength euro = SmsLength.of("€".repeat(80));
        assertThat(euro.encoding()).isEqualTo(SmsLength.Encoding.GSM7);
        assertThat(euro.units()).isEqualTo(160);
        assertThat(euro.segments()).isEqualTo(1);
        assertThat(SmsLength.of("€".repeat(81)).segments()).isEqualTo(2);
    }

    @Test
    void anyNonGsmCharacterSwitchesToUcs2At70Then67() {
        assertThat(SmsLength.of("您".repeat(70))).isEqualTo(new SmsLength(SmsLength.Encoding.UCS2, 70, 70, 1));
        assertThat(SmsLength.of("您".repeat(71)).segments()).isEqualTo(2);
        assertThat(SmsLength.of("您".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsLength.of("您".repeat(135)).segments()).isEqualTo(3);
        SmsLength emoji = SmsLength.of("ok 😀");
        assertThat(emoji.encoding()).isEqualTo(SmsLength.Encoding.UCS2);
        assertThat(emoji.characters()).isEqualTo(4);
        assertThat(emoji.units()).isEqualTo(5); // the emoji is two UTF-16 code units
    }

    @Test
    void anEscapeSequenceOrSurrogatePairIsNeverSplitAcrossSegments() {
        // 152 + 2 septets do not fit into the first 153: the € starts the second segment
        SmsLength euro = SmsLength.of("a".repeat(152) + "€" + "a".repeat(152));
        assertThat(euro).isEqualTo(new SmsLength(SmsLength.Encoding.GSM7, 305, 306, 3));
        assertThat(SmsLength.of("a".repeat(151) + "€" + "a".repeat(153)).segments()).isEqualTo(2);
        SmsLength emoji = SmsLength.of("你".repeat(66) + "😀" + "你".repeat(66));
        assertThat(emoji).isEqualTo(new SmsLength(SmsLength.Encoding.UCS2, 133, 134, 3));
        assertThat(SmsLength.of("你".repeat(65) + "😀" + "你".repeat(67)).segments()).isEqualTo(2);
    }

    @Test
    void segmentsAreTheFewestPiecesOfAtMost153Or67UnitsForRandomTexts() {
        Random random = new Random(42);
        String alphabet = "abcXYZ0123 .,!?@€[]你好😀";
        int[] codePoints = alphabet.codePoints().toArray();
        for (int n = 0; n < 500; n++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(400);
            for (int i = 0; i < len; i++) {
                sb.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
            }
            String text = sb.toString();
            SmsLength l = SmsLength.of(text);
            boolean ucs2 = text.codePoints().anyMatch(cp -> cp == '你' || cp == '好' || cp > 0xFFFF);
            int units = ucs2 ? text.length() : text.length() + (int) text.chars().filter(c -> c == '€' || c == '[' || c == ']').count();
            assertThat(l.encoding()).isEqualTo(ucs2 ? SmsLength.Encoding.UCS2 : SmsLength.Encoding.GSM7);
            assertThat(l.units()).as(text).isEqualTo(units);
            assertThat(l.segments()).as(text).isEqualTo(piecesOf(text, ucs2 ? 70 : 160, ucs2 ? 67 : 153));
        }
    }

    /** Cuts the text, whole characters at a time, into pieces of at most {@code multi} units each. */
    private static int piecesOf(String text, int single, int multi) {
        if (text.isEmpty()) {
            return 0;
        }
        if (SmsLength.of(text).units() <= single) {
            return 1;
        }
        int pieces = 0;
        StringBuilder piece = new StringBuilder();
        for (int cp : text.codePoints().toArray()) {
            String next = piece + new String(Character.toChars(cp));
            // measured in the encoding of the whole text: a piece of GSM characters of a UCS-2 text counts UTF-16 units
            int used = SmsLength.of(text).encoding() == SmsLength.Encoding.UCS2 ? next.length() : SmsLength.of(next).units();
            if (used > multi) {
                pieces++;
                piece.setLength(0);
            }
            piece.appendCodePoint(cp);
        }
        return pieces + 1;
    }

    @Test
    void quietHoursAcrossMidnightDeferToTheirEnd() {
        QuietHours night = QuietHours.between(LocalTime.of(21, 0), LocalTime.of(8, 0));
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertThat(night.deferral(Instant.parse("2026-03-02T12:59:59Z"), shanghai)).isEmpty(); // 20:59:59
        assertThat(night.deferral(Instant.parse("2026-03-02T13:00:00Z"), shanghai)).contains(Instant.parse("2026-03-03T00:00:00Z"));
        assertThat(night.deferral(Instant.parse("2026-03-02T19:00:00Z"), shanghai)).contains(Instant.parse("2026-03-03T00:00:00Z")); // 03:00
        assertThat(night.deferral(Instant.parse("2026-03-03T00:00:00Z"), shanghai)).isEmpty(); // 08:00 sharp
        QuietHours lunch = QuietHours.between(LocalTime.of(12, 0), LocalTime.of(13, 30));
        assertThat(lunch.deferral(Instant.parse("2026-03-02T12:15:00Z"), ZoneId.of("UTC"))).contains(Instant.parse("2026-03-02T13:30:00Z"));
        assertThat(lunch.deferral(Instant.parse("2026-03-02T13:30:00Z"), ZoneId.of("UTC"))).isEmpty();
        assertThat(violationsOf(() -> QuietHours.between(LocalTime.NOON, LocalTime.NOON))).containsExactly("quietHours:empty_window");
    }

    @Test
    void retryDelaysGrowExponentiallyWithJitterAndACap() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofSeconds(10), Duration.ofMinutes(1));
        assertThat(p.delayAfter(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.delayAfter(1, () -> 0.999999)).isBetween(Duration.ofMillis(9999), Duration.ofSeconds(10));
        assertThat(p.delayAfter(2, () -> 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.delayAfter(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.delayAfter(4, () -> 0.5)).isEqualTo(Duration.ofSeconds(45)); // 60 capped: 30 + 0.5*30
        assertThat(p.delayAfter(60, () -> 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(violationsOf(() -> new RetryPolicy(0, Duration.ofSeconds(-1), Duration.ofSeconds(-2)))).containsExactly(
                "retryPolicy.maxAttempts:range", "retryPolicy.initialDelay:range", "retryPolicy.maxDelay:range");
        assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO).maxAttempts()).isEqualTo(1);
    }

    @Test
    void attachmentsAreValidatedAndCopied() {
        byte[] bytes = {1, 2, 3};
        Attachment a = new Attachment("a.bin", "application/octet-stream", bytes);
        bytes[0] = 9;
        assertThat(a.content()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> new Attachment(" ", "text", new byte[0]))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(ValidationException.Violation::field)
                        .containsExactly("attachment.fileName", "attachment.contentType"));
        assertThatThrownBy(() -> new Attachment("big.bin", "application/octet-stream", new byte[Attachment.MAX_BYTES + 1]))
                .isInstanceOf(ValidationException.class);
    }
}
