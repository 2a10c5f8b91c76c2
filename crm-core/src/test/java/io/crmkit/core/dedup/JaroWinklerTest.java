package io.crmkit.core.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written Jaro-Winkler against the published values (Winkler 1990; the Wikipedia examples). */
class JaroWinklerTest {
    @Test
    void knownValues() {
        assertThat(JaroWinkler.similarity("MARTHA", "MARHTA")).isCloseTo(0.961, within(0.0005));
        assertThat(JaroWinkler.similarity("DWAYNE", "DUANE")).isCloseTo(0.840, within(0.0005));
        assertThat(JaroWinkler.similarity("DIXON", "DICKSONX")).isCloseTo(0.813, within(0.0005));
        assertThat(JaroWinkler.similarity("JELLYFISH", "SMELLYFISH")).isCloseTo(0.896, within(0.0005));
    }

    @Test
    void edgesAndSymmetry() {
        assertThat(JaroWinkler.similarity("", "")).isEqualTo(1.0);
        assertThat(JaroWinkler.similarity("", "a")).isZero();
        assertThat(JaroWinkler.similarity("abc", "xyz")).isZero();
        assertThat(JaroWinkler.similarity("wei zhang", "wei zhang")).isEqualTo(1.0);
        assertThat(JaroWinkler.similarity("😀a", "😀a")).as("code points, not chars").isEqualTo(1.0);
        Random random = new Random(42);
        for (int n = 0; n < 500; n++) {
            String a = word(random);
            String b = word(random);
            double ab = JaroWinkler.similarity(a, b);
            assertThat(ab).as("%s / %s", a, b).isBetween(0.0, 1.0)
                    .isCloseTo(JaroWinkler.similarity(b, a), within(1e-12));
        }
    }

    private static String word(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(12); i >= 0; i--) {
            b.append((char) ('a' + random.nextInt(5)));
        }
        return b.toString();
    }
}
