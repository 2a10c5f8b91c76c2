package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.StorageException;
import io.crmkit.core.document.ContentStore;
import io.crmkit.core.document.StoredContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link ContentStore}: content comes back byte for byte with its size and SHA-256 (checked against
 * the JDK's), at sizes around the common buffer and chunk sizes, empty included; a write whose stream fails leaves no
 * object and passes the stream's exception on; deleted and unknown keys are not found; writers in parallel get keys of
 * their own; and, for stores that stream, a {@value #LARGE_MB} MB stream generated on the fly goes in and comes back
 * out. An implementation runs it with a subclass giving a fresh store for each test and a way to count its objects.
 */
public abstract class ContentStoreContract {
    /** Megabytes of the large round trip. */
    protected static final int LARGE_MB = 50;

    /** The store under test, from {@link #openStore()} before each test. */
    protected ContentStore store;

    /** A fresh store for one test. */
    protected abstract ContentStore openStore();

    /** How many objects (or parts of one) the store holds right now, however it keeps them. */
    protected abstract long storedObjects();

    /** Whether the store streams, so that the {@value #LARGE_MB} MB round trip is for it; the heap store does not. */
    protected boolean streams() {
        return true;
    }

    @BeforeEach
    void open() {
        store = openStore();
    }

    @Test
    void contentComesBackWithItsSizeAndChecksum() throws IOException {
        Random random = new Random(13);
        for (int size : new int[] {0, 1, 8191, 8192, 8193, 262_143, 262_144, 262_145, 600_001}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            StoredContent stored = store.write(new ByteArrayInputStream(data));
            assertThat(stored.size()).as("size of %d bytes", size).isEqualTo(size);
            assertThat(stored.sha256()).as("checksum of %d bytes", size).isEqualTo(sha256(data));
            try (InputStream in = store.open(stored.key())) {
                assertThat(in.readAllBytes()).as("content of %d bytes", size).isEqualTo(data);
            }
        }
        assertThat(sha256(new byte[0])).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aStreamReadByteByByteAndInPiecesGivesTheSameBytes() throws IOException {
        byte[] data = "合同 📄 '; DROP TABLE x; --".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        StoredContent stored = store.write(new ByteArrayInputStream(data));
        try (InputStream in = store.open(stored.key())) {
            byte[] head = new byte[7];
            assertThat(in.read(head, 0, 0)).isZero();
            int first = in.read();
            int n = in.readNBytes(head, 0, head.length);
            byte[] rest = in.readAllBytes();
            assertThat(in.read()).isEqualTo(-1);
            byte[] back = new byte[1 + n + rest.length];
            back[0] = (byte) first;
            System.arraycopy(head, 0, back, 1, n);
            System.arraycopy(rest, 0, back, 1 + n, rest.length);
            assertThat(back).isEqualTo(data);
        }
    }

    @Test
    void aFailingStreamLeavesNothingAndItsExceptionPassesOn() {
        long before = storedObjects();
        assertThatThrownBy(() -> store.write(failingAfter(700_000, new IOException("disk of the caller failed"))))
                .isInstanceOf(StorageException.class).hasRootCauseMessage("disk of the caller failed");
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> store.write(failingAfter(300_000, boom))).isSameAs(boom);
        assertThat(storedObjects()).as("objects after failed writes").isEqualTo(before);
    }

    @Test
    void deletedAndUnknownKeysAreNotFound() throws IOException {
        StoredContent stored = store.write(new ByteArrayInputStream(new byte[] {1, 2, 3}));
        StoredContent kept = store.write(new ByteArrayInputStream(new byte[] {4}));
        assertThat(store.delete(stored.key())).isTrue();
        assertThat(store.delete(stored.key())).isFalse();
        assertThatThrownBy(() -> store.open(stored.key())).isInstanceOf(NotFoundException.class);
        for (String unknown : List.of("00000000-0000-0000-0000-000000000000", "../../etc/passwd", "x", "")) {
            assertThatThrownBy(() -> store.open(unknown)).as("open %s", unknown).isInstanceOf(NotFoundException.class);
            assertThat(store.delete(unknown)).as("delete %s", unknown).isFalse();
        }
        try (InputStream in = store.open(kept.key())) {
            assertThat(in.readAllBytes()).containsExactly(4);
        }
    }

    @Test
    void parallelWritersGetKeysOfTheirOwn() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Set<String> keys = ConcurrentHashMap.newKeySet();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        byte[] data = ("writer " + thread + " object " + i).repeat(1000).getBytes(StandardCharsets.UTF_8);
                        StoredContent s = store.write(new ByteArrayInputStream(data));
                        keys.add(s.key());
                        try (InputStream in = store.open(s.key())) {
                            assertThat(in.readAllBytes()).isEqualTo(data);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertThat(keys).hasSize(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLargeStreamGoesInAndComesBackOut() throws IOException {
        if (!streams()) {
            return; // the heap store keeps content in memory by design; the other stores run this
        }
        long size = LARGE_MB * 1024L * 1024 + 17;
        MessageDigest expected = digest();
        StoredContent stored = store.write(new Generated(size, expected));
        assertThat(stored.size()).isEqualTo(size);
        assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
        MessageDigest back = digest();
        long read = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = store.open(stored.key())) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                back.update(buffer, 0, n);
                read += n;
            }
        }
        assertThat(read).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(back.digest())).isEqualTo(stored.sha256());
    }

    /** Hex SHA-256 of {@code data}, by the JDK. */
    protected static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest().digest(data));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stream of {@code n} pseudo-random bytes that then throws {@code failure}. */
    protected static InputStream failingAfter(int n, Exception failure) {
        return new InputStream() {
            private int left = n;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    if (failure instanceof IOException io) {
                        throw io;
                    }
                    throw (RuntimeException) failure;
                }
                int k = Math.min(len, left);
                for (int i = 0; i < k; i++) {
                    b[off + i] = (byte) (left - i);
                }
                left -= k;
                return k;
            }
        };
    }

    /** {@code size} bytes made on the fly (never held), digested as they are read. */
    public static final class Generated extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private long position;

        public Generated(long size, MessageDigest digest) {
            this.size = size;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position == size) {
                return -1;
            }
            int k = (int) Math.min(len, size - position);
            for (int i = 0; i < k; i++) {
                long p = position + i;
                b[off + i] = (byte) (p * 31 + (p >>> 13));
            }
            digest.update(b, off, k);
            position += k;
            return k;
        }
    }
}
