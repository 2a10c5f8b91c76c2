package io.crmkit.core.internal.document;

import io.crmkit.core.ValidationException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that refuses to give more than {@code max} bytes: reading past them throws a {@link ValidationException},
 * which makes the content store abandon the write. Does not close the stream it reads (the caller's).
 */
final class LimitedInputStream extends FilterInputStream {
    private final long max;
    private long read;

    LimitedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        return 0; // a store reads everything; skipping would hide bytes from the limit
    }

    private void count(int n) {
        read += n;
        if (read > max) {
            throw ValidationException.of("content", "too_large", "is larger than the limit of " + max + " bytes");
        }
    }

    @Override
    public void close() {
        // the caller's stream: the caller closes it
    }
}
