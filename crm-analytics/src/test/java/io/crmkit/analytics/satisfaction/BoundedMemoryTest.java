package io.crmkit.analytics.satisfaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Streams 10,000,000 responses through the page-by-page analytics in a JVM limited to a 64 MB heap. */
class BoundedMemoryTest {
    private static final long N = 10_000_000;

    @Test
    void tenMillionResponsesFitIn64MegabytesOfHeap() throws IOException, InterruptedException {
        // The expected result, by a primitive loop over the same generator.
        long[] counts = new long[11];
        Set<Integer> months = new HashSet<>();
        for (long i = 0; i < N; i++) {
            counts[TenMillionResponses.score(i)]++;
            if (i % 10_000 == 0 || i == N - 1) {
                months.add(TenMillionResponses.time(i).atZone(ZoneOffset.UTC).getYear() * 12
                        + TenMillionResponses.time(i).atZone(ZoneOffset.UTC).getMonthValue());
            }
        }
        double median = (kth(counts, N / 2) + kth(counts, N / 2 + 1)) / 2.0;
        StringBuilder expected = new StringBuilder();
        for (int s = 0; s <= 10; s++) {
            expected.append(s == 0 ? "" : ",").append(counts[s]);
        }

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                TenMillionResponses.class.getName(), Long.toString(N)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        assertThat(out).contains("counts=" + expected + " median=" + median + " months=" + months.size());
        long maxHeap = Long.parseLong(out.substring(out.indexOf("maxHeap=") + 8).strip());
        assertThat(maxHeap).isLessThanOrEqualTo(64L * 1024 * 1024);
    }

    private static int kth(long[] counts, long k) {
        long seen = 0;
        for (int s = 0; s < counts.length; s++) {
            seen += counts[s];
            if (seen >= k) {
                return s;
            }
        }
        throw new AssertionError();
    }
}
