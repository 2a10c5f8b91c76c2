package io.crmkit.core.memory;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.StorageException;
import io.crmkit.core.document.ContentStore;
import io.crmkit.core.document.StoredContent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content in the heap, the content store of {@link InMemoryStorage}: for tests and demos, as the storage is. Keeps
 * each object as one byte array, which is the point of it; use a database or a {@code FileSystemContentStore} for
 * large files. Thread-safe; an object appears only once wholly written.
 */
public final class InMemoryContentStore implements ContentStore {
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    private InMemoryContentStore() {
    }

    public static InMemoryContentStore create() {
        return new InMemoryContentStore();
    }

    @Override
    public StoredContent write(InputStream content) {
        Objects.requireNonNull(content, "content");
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            content.transferTo(new DigestOutputStream(bytes, sha));
        } catch (IOException e) {
            throw new StorageException("read the content to store failed: " + e.getMessage(), e);
        }
        String key = UUID.randomUUID().toString();
        byte[] data = bytes.toByteArray();
        objects.put(key, data);
        return new StoredContent(key, data.length, HexFormat.of().formatHex(sha.digest()));
    }

    @Override
    public InputStream open(String key) {
        byte[] data = objects.get(Objects.requireNonNull(key, "key"));
        if (data == null) {
            throw new NotFoundException("no content " + key);
        }
        return new ByteArrayInputStream(data);
    }

    @Override
    public boolean delete(String key) {
        return objects.remove(Objects.requireNonNull(key, "key")) != null;
    }

    /** How many objects it holds. */
    public int size() {
        return objects.size();
    }

    void clear() {
        objects.clear();
    }

    @Override
    public String toString() {
        return "InMemoryContentStore[" + objects.size() + " objects]";
    }
}
