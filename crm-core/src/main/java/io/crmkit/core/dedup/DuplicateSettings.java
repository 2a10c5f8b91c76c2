package io.crmkit.core.dedup;

import java.util.Objects;

/**
 * The settings of duplicate detection: how names are read and compared. {@link #DEFAULT} uses
 * {@link NameMatcher#standard()}; hosts with Chinese customers written in traditional characters or pinyin give
 * {@code IcuNameMatcher} from {@code io.crmkit:crm-dedup-icu}. Given to {@code Crm.builder().duplicates(...)}.
 * Immutable.
 *
 * <pre>{@code
 * DuplicateSettings settings = DuplicateSettings.builder().nameMatcher(IcuNameMatcher.create()).build();
 * }</pre>
 */
public final class DuplicateSettings {
    /** The built-in name matcher. */
    public static final DuplicateSettings DEFAULT = builder().build();

    private final NameMatcher nameMatcher;

    private DuplicateSettings(NameMatcher nameMatcher) {
        this.nameMatcher = nameMatcher;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How names are read and compared. */
    public NameMatcher nameMatcher() {
        return nameMatcher;
    }

    @Override
    public String toString() {
        return "DuplicateSettings[nameMatcher=" + nameMatcher + "]";
    }

    /** Collects the settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private NameMatcher nameMatcher = NameMatcher.standard();

        private Builder() {
        }

        /** How names are read and compared. Default: {@link NameMatcher#standard()}. */
        public Builder nameMatcher(NameMatcher matcher) {
            this.nameMatcher = Objects.requireNonNull(matcher, "matcher");
            return this;
        }

        /** The settings; every setter refuses null, so there is nothing left to check. */
        public DuplicateSettings build() {
            return new DuplicateSettings(nameMatcher);
        }
    }
}
