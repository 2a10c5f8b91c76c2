package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.document.Document;
import io.crmkit.core.document.Download;
import io.crmkit.core.document.NewDocument;
import io.crmkit.testkit.ContentStoreContract;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The proof that content streams: a JVM of its own with a heap of {@value #HEAP_MB} MB uploads a document of
 * {@value #CONTENT_MB} MB generated on the fly into the database's content store and reads it back, checksum checked.
 * A store or driver that held the file whole would run out of memory and the child would fail.
 */
class SmallHeapContentTest {
    static final int HEAP_MB = 64;
    static final int CONTENT_MB = 128;

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void aFileTwiceTheHeapGoesInAndComesBackOut(TestDb which, @TempDir Path dir) throws Exception {
        which.assumeAvailable();
        String url = which == TestDb.H2 ? "jdbc:h2:file:" + dir.resolve("crm").toAbsolutePath() : which.url();
        String prefix = TestDb.newPrefix();
        List<String> classpath = new ArrayList<>();
        for (String property : new String[] {"java.class.path", "jdk.module.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                classpath.add(value);
            }
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_MB + "m", "-cp", String.join(File.pathSeparator, classpath), Child.class.getName(), url, prefix)
                .redirectErrorStream(true).start();
        String output;
        try (InputStream out = child.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(child.waitFor(10, TimeUnit.MINUTES)).isTrue();
        System.out.println(which + ": " + output.lines().filter(l -> l.contains("round trip")).findFirst().orElse(output));
        try {
            assertThat(child.exitValue()).as("the child's output:%n%s", output).isZero();
            assertThat(output).contains("round trip of " + (CONTENT_MB * 1024L * 1024) + " bytes ok");
        } finally {
            if (which != TestDb.H2) {
                TestDb.dropTables(url, prefix);
            }
        }
    }

    /** The child: uploads, reads back, compares checksums; exits 0 only if all went well. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            long size = CONTENT_MB * 1024L * 1024;
            try (Crm crm = Crm.builder().storage(JdbcStorage.builder().url(args[0]).tablePrefix(args[1])
                    .maximumPoolSize(2).build()).build()) {
                MessageDigest sent = MessageDigest.getInstance("SHA-256");
                long started = System.nanoTime();
                Document d = crm.documents().upload(NewDocument.named("大文件.bin", "application/octet-stream"),
                        new ContentStoreContract.Generated(size, sent));
                String expected = HexFormat.of().formatHex(sent.digest());
                if (!d.current().sha256().equals(expected) || d.current().size() != size) {
                    throw new AssertionError("stored " + d.current() + ", sent " + size + " bytes " + expected);
                }
                long written = System.nanoTime();
                MessageDigest back = MessageDigest.getInstance("SHA-256");
                long read = 0;
                byte[] buffer = new byte[64 * 1024];
                try (Download download = crm.documents().open(d.id())) {
                    for (int n; (n = download.content().read(buffer)) > 0; ) {
                        back.update(buffer, 0, n);
                        read += n;
                    }
                }
                if (read != size || !HexFormat.of().formatHex(back.digest()).equals(expected)) {
                    throw new AssertionError("read " + read + " bytes back with another checksum");
                }
                long done = System.nanoTime();
                System.out.println("max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, upload "
                        + (written - started) / 1_000_000 + " ms, download " + (done - written) / 1_000_000
                        + " ms, round trip of " + size + " bytes ok");
            }
        }
    }
}
