package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TestDataTest {
    @Test
    void idsAreVersion7AndStrictlyIncreasingEvenWhenTheClockStandsStillOrGoesBack() {
        TestClock clock = TestClock.create();
        Uuid7 ids = Uuid7.using(clock, 42);
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            if (i == 5_000) {
                clock.advance(Duration.ofHours(-1));
            }
            made.add(ids.next());
        }

        assertThat(made).allMatch(Uuid7::isVersion7);
        for (int i = 1; i < made.size(); i++) {
            assertThat(Uuid7.ORDER.compare(made.get(i - 1), made.get(i))).as("id %d", i).isNegative();
        }
        assertThat(Uuid7.unixMillis(made.get(0))).isEqualTo(TestClock.DEFAULT_START.toEpochMilli());
    }

    @Test
    void clockKeepsMicroseconds() {
        TestClock clock = TestClock.at(Instant.parse("2025-01-01T00:00:00.123456789Z"));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:00:00.123456Z"));
        assertThat(clock.advance(Duration.ofNanos(1_999))).isEqualTo(Instant.parse("2025-01-01T00:00:00.123457Z"));
    }

    @Test
    void textHasTheRequestedLengthAndNoBrokenSurrogates() {
        for (int n : new int[] {0, 1, 10, 11, 12, 10_000}) {
            String s = TestStrings.text(n);
            assertThat(s).hasSize(n);
            assertThat(s.codePoints().allMatch(cp -> !Character.isSurrogate((char) cp) || cp > 0xFFFF)).isTrue();
        }
    }
}
