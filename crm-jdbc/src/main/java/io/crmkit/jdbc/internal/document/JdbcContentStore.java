package io.crmkit.jdbc.internal.document;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.StorageException;
import io.crmkit.core.document.ContentStore;
import io.crmkit.core.document.StoredContent;
import io.crmkit.jdbc.internal.sql.Transactions;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * The database's content store: each object a row of {@code content_objects} and its bytes in rows of
 * {@code content_chunks} of at most {@link #CHUNK} bytes. Chunks rather than one blob column because the drivers
 * buffer a whole {@code bytea} or blob parameter (PostgreSQL's {@code setBinaryStream} without a length reads the
 * stream to its end into memory); with chunks neither a write nor a read holds more than one chunk. A write is one
 * transaction of its own, on a connection of its own (so the pool needs a second connection while a unit of work
 * holds one): all chunks and the object row, or nothing. A read fetches one chunk per statement as the stream is
 * consumed.
 */
public final class JdbcContentStore implements ContentStore {
    /** The largest chunk, in bytes: 256 KiB. */
    public static final int CHUNK = 256 * 1024;

    private final Transactions transactions;

    public JdbcContentStore(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public StoredContent write(InputStream content) {
        Objects.requireNonNull(content, "content");
        String key = UUID.randomUUID().toString();
        return transactions.run(sql -> {
            MessageDigest sha = sha256();
            byte[] buffer = new byte[CHUNK];
            long size = 0;
            int seq = 0;
            while (true) {
                int n = fill(content, buffer);
                if (n > 0) {
                    byte[] data = n == CHUNK ? buffer : Arrays.copyOf(buffer, n);
                    int at = seq;
                    sql.write("write content " + key, () -> sql.stmt("INSERT INTO {p}content_chunks (content_key, seq, data)"
                            + " VALUES (?, ?, ?)").text(key).integer(at).bytes(data).execute());
                    sha.update(buffer, 0, n);
                    size += n;
                    seq++;
                }
                if (n < CHUNK) {
                    break;
                }
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            long total = size;
            int chunks = seq;
            sql.write("write content " + key, () -> sql.stmt("INSERT INTO {p}content_objects (content_key, size_bytes, sha256,"
                    + " chunks, created_at) VALUES (?, ?, ?, ?, ?)").text(key).lng(total).text(hex).integer(chunks)
                    .instant(Instant.now()).execute());
            return new StoredContent(key, total, hex);
        });
    }

    /** Reads until the buffer is full or the stream ends; how many bytes it holds. */
    private static int fill(InputStream in, byte[] buffer) {
        try {
            return in.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new StorageException("read the content to store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key) {
        Objects.requireNonNull(key, "key");
        int chunks = transactions.read(sql -> sql.read("open content " + key, () -> sql.stmt(
                        "SELECT chunks FROM {p}content_objects WHERE content_key = ?").text(key).one(r -> r.integer("chunks"))))
                .orElseThrow(() -> new NotFoundException("no content " + key));
        return new ChunkStream(key, chunks);
    }

    @Override
    public boolean delete(String key) {
        Objects.requireNonNull(key, "key");
        return transactions.run(sql -> {
            int[] deleted = new int[1];
            sql.write("delete content " + key, () -> {
                sql.stmt("DELETE FROM {p}content_chunks WHERE content_key = ?").text(key).execute();
                deleted[0] = sql.stmt("DELETE FROM {p}content_objects WHERE content_key = ?").text(key).execute();
            });
            return deleted[0] > 0;
        });
    }

    private byte[] chunk(String key, int seq) {
        return transactions.read(sql -> sql.read("read content " + key, () -> sql.stmt(
                "SELECT data FROM {p}content_chunks WHERE content_key = ? AND seq = ?").text(key).integer(seq)
                .one(r -> r.bytes("data"))))
                .orElseThrow(() -> new StorageException("content " + key + " lacks its chunk " + seq
                        + ": it was deleted while being read"));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The chunks of one object, fetched one at a time as they are read. */
    private final class ChunkStream extends InputStream {
        private final String key;
        private final int chunks;
        private int next;
        private byte[] current = new byte[0];
        private int pos;

        ChunkStream(String key, int chunks) {
            this.key = key;
            this.chunks = chunks;
        }

        /** Whether there are bytes in {@link #current}, fetching the next chunk if needed. */
        private boolean filled() {
            while (pos == current.length) {
                if (next == chunks) {
                    return false;
                }
                current = chunk(key, next++);
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return filled() ? current[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!filled()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            next = chunks;
            current = new byte[0];
            pos = 0;
        }
    }
}
