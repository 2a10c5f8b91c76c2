package io.crmkit.core.document;

import java.io.InputStream;

/**
 * Where document content lives, outside the records' transactions: a table of the database
 * ({@code JdbcStorage}'s own), the heap ({@code InMemoryStorage}'s) or a directory
 * ({@link io.crmkit.core.document.FileSystemContentStore}). Implementations are thread-safe, stream in both directions
 * (a store never holds a whole file in memory unless it keeps files in memory) and write all or nothing: a write that
 * fails, because the stream threw or the store did, leaves no content behind. Errors of the store surface as
 * {@link io.crmkit.core.StorageException}; an exception thrown by the caller's stream passes unchanged.
 */
public interface ContentStore {
    /**
     * Stores everything {@code content} holds, up to its end, under a new key; computes the size and the SHA-256 while
     * it streams. Does not close {@code content}.
     */
    StoredContent write(InputStream content);

    /**
     * The content stored under {@code key}, as a stream the caller closes.
     *
     * @throws io.crmkit.core.NotFoundException if nothing is stored under it
     */
    InputStream open(String key);

    /** Deletes the content under {@code key}; whether there was any. */
    boolean delete(String key);
}
