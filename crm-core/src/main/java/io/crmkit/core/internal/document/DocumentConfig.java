package io.crmkit.core.internal.document;

import io.crmkit.core.document.DocumentSettings;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.document.ContentStore;
import io.crmkit.core.spi.CrmStorage;
import org.jspecify.annotations.Nullable;

/** The document settings of one Crm and the content store they resolve to, found through {@code engine.component(...)}. */
public final class DocumentConfig implements Engine.Component {
    private final DocumentSettings settings;
    private final @Nullable ContentStore store;

    private DocumentConfig(DocumentSettings settings, @Nullable ContentStore store) {
        this.settings = settings;
        this.store = store;
    }

    /** Registers the settings, with the settings' store or else the storage's own; from {@code CrmBuilder.build()}. */
    public static DocumentConfig install(Engine engine, DocumentSettings settings, CrmStorage storage) {
        ContentStore store = settings.contentStore().or(storage::contentStore).orElse(null);
        return engine.register(DocumentConfig.class, new DocumentConfig(settings, store));
    }

    DocumentSettings settings() {
        return settings;
    }

    /** @throws IllegalStateException if neither the settings nor the storage have a content store */
    ContentStore store() {
        if (store == null) {
            throw new IllegalStateException("no content store for documents: this storage has none of its own; give one"
                    + " with Crm.builder().documents(DocumentSettings.builder().contentStore(...).build())");
        }
        return store;
    }

    @Override
    public void close() {
    }
}
