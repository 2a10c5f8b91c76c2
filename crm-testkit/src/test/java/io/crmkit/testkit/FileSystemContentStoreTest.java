package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.document.ContentStore;
import io.crmkit.core.document.FileSystemContentStore;
import io.crmkit.core.document.StoredContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ContentStoreContract} on a directory; every file under it counts as an object, the temporary ones of
 * unfinished writes included, so a failed write that left one fails the contract.
 */
class FileSystemContentStoreTest extends ContentStoreContract {
    @TempDir
    Path dir;

    @Override
    protected ContentStore openStore() {
        return FileSystemContentStore.of(dir.resolve("内容 store"));
    }

    @Override
    protected long storedObjects() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void objectsAreFilesNamedByTheirKeyAndAStoreReopensThem() throws IOException {
        StoredContent stored = store.write(new ByteArrayInputStream(new byte[] {9, 8, 7}));
        Path file = dir.resolve("内容 store").resolve(stored.key().substring(0, 2)).resolve(stored.key());
        assertThat(Files.readAllBytes(file)).containsExactly(9, 8, 7);
        ContentStore again = FileSystemContentStore.of(dir.resolve("内容 store"));
        try (var in = again.open(stored.key())) {
            assertThat(in.readAllBytes()).containsExactly(9, 8, 7);
        }
        assertThat(Files.list(dir.resolve("内容 store").resolve(".tmp")).count()).as("no temporary file left").isZero();
    }
}
