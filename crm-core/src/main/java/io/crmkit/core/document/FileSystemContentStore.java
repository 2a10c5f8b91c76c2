package io.crmkit.core.document;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Content in files under a directory: each object a file named by a random UUID, in a subdirectory named by its
 * first two characters. A write streams to a temporary file in {@code .tmp}, forces it to disk and then moves it
 * into place atomically, so an object is either whole or absent: a failed or interrupted write leaves at most a
 * temporary file, never an object. Nothing removes such files: after a crash, an operator may delete {@code .tmp}/*
 * while no write runs. Thread-safe; several CRMs may share a directory.
 */
public final class FileSystemContentStore implements ContentStore {
    private static final Pattern UUID_KEY = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Path root;
    private final Path tmp;

    private FileSystemContentStore(Path root) {
        this.root = root;
        this.tmp = root.resolve(".tmp");
    }

    /**
     * A store in {@code root}, created with its parents if missing.
     *
     * @throws StorageException if the directory cannot be created
     */
    public static FileSystemContentStore of(Path root) {
        Objects.requireNonNull(root, "root");
        Path dir = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir.resolve(".tmp"));
        } catch (IOException e) {
            throw new StorageException("create the content directory " + dir + " failed: " + e.getMessage(), e);
        }
        return new FileSystemContentStore(dir);
    }

    /** The directory the content is in. */
    public Path root() {
        return root;
    }

    @Override
    public StoredContent write(InputStream content) {
        Objects.requireNonNull(content, "content");
        String key = UUID.randomUUID().toString();
        Path part = null;
        try {
            part = Files.createTempFile(tmp, key, ".part");
            MessageDigest sha = sha256();
            long size;
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha);
                size = content.transferTo(out);
                out.flush();
                channel.force(true);
            }
            Path target = path(key);
            Files.createDirectories(target.getParent());
            move(part, target);
            part = null;
            return new StoredContent(key, size, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new StorageException("write content to " + root + " failed: " + e.getMessage(), e);
        } finally {
            if (part != null) {
                deleteQuietly(part);
            }
        }
    }

    private static void move(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot move files atomically", e);
        }
    }

    @Override
    public InputStream open(String key) {
        Path file = existing(key);
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no content " + key);
        } catch (IOException e) {
            throw new StorageException("open content " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String key) {
        Objects.requireNonNull(key, "key");
        if (!UUID_KEY.matcher(key).matches()) {
            return false;
        }
        try {
            return Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new StorageException("delete content " + key + " failed: " + e.getMessage(), e);
        }
    }

    /** The file of a key; keys are UUIDs, so that no key reaches outside the directory. */
    private Path existing(String key) {
        Objects.requireNonNull(key, "key");
        if (!UUID_KEY.matcher(key).matches()) {
            throw new NotFoundException("no content " + key);
        }
        return path(key);
    }

    private Path path(String key) {
        return root.resolve(key.substring(0, 2)).resolve(key);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file left behind holds no object and is never read; nothing removes it (see the class javadoc)
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "FileSystemContentStore[" + root + "]";
    }
}
