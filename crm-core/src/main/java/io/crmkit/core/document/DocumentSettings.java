package io.crmkit.core.document;

import io.crmkit.core.Checks;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The settings of documents: where content is stored and the largest version accepted. Given to
 * {@code Crm.builder().documents(...)}. Immutable.
 *
 * <pre>{@code
 * DocumentSettings settings = DocumentSettings.builder()
 *         .contentStore(FileSystemContentStore.of(Path.of("data/documents")))
 *         .maxSize(50L << 20)
 *         .build();
 * }</pre>
 */
public final class DocumentSettings {
    /** The largest version unless set: 1 GiB. */
    public static final long DEFAULT_MAX_SIZE = 1L << 30;
    /** The storage's own content store, versions up to {@link #DEFAULT_MAX_SIZE}. */
    public static final DocumentSettings DEFAULT = builder().build();

    private final @Nullable ContentStore contentStore;
    private final long maxSize;

    private DocumentSettings(Builder b) {
        this.contentStore = b.contentStore;
        this.maxSize = b.maxSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The content store given; empty for the storage's own ({@code CrmStorage.contentStore()}). */
    public Optional<ContentStore> contentStore() {
        return Optional.ofNullable(contentStore);
    }

    /** The largest version accepted, in bytes. */
    public long maxSize() {
        return maxSize;
    }

    @Override
    public String toString() {
        return "DocumentSettings[contentStore=" + (contentStore == null ? "storage's own" : contentStore)
                + ", maxSize=" + maxSize + "]";
    }

    /** Collects the settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private @Nullable ContentStore contentStore;
        private long maxSize = DEFAULT_MAX_SIZE;

        private Builder() {
        }

        /** Where content goes instead of the storage's own store. */
        public Builder contentStore(ContentStore store) {
            this.contentStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The largest version in bytes, 1 or more. */
        public Builder maxSize(long bytes) {
            this.maxSize = bytes;
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every bad setting */
        public DocumentSettings build() {
            Checks checks = new Checks();
            checks.require(maxSize >= 1, "maxSize", "range", "must be 1 or more but was " + maxSize);
            checks.throwIfAny();
            return new DocumentSettings(this);
        }
    }
}
