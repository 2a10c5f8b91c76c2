package io.crmkit.messaging;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a test opens and closes it all, in the order it was opened. */
final class Closer implements AutoCloseable {
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Closes {@code closeable} when this closes; returns it. */
    <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        opened.clear();
    }
}
