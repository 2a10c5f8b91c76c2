package io.crmkit.core.dedup;

/**
 * How duplicate detection reads and compares names: the SPI behind {@link MatchReason#NAME}, given to
 * {@code Crm.builder().duplicates(DuplicateSettings.builder().nameMatcher(...).build())}. Implementations are
 * thread-safe; {@link #key} is called once per customer and detection, {@link #similarity} once per compared pair.
 *
 * <p>{@link #standard()} needs no library: Latin names are normalised (NFKD, marks stripped, lower-case, spaces and
 * punctuation collapsed, words sorted) and compared by Jaro-Winkler; Chinese names are compared by their characters,
 * exactly and by how many they share, so "张伟" and "张伟 😀" are one name. It does <em>not</em> know that 張偉 (traditional)
 * or "Zhang Wei" (pinyin) is 张伟: for that, use {@code IcuNameMatcher} from the optional module
 * {@code io.crmkit:crm-dedup-icu} (ICU4J's Han-Latin and Traditional-Simplified).
 */
public interface NameMatcher {
    /** The compared form of one customer's display name; {@link NameKey#NONE} for a name it cannot use. */
    NameKey key(String name);

    /** How alike two names are, 0 (nothing alike) to 1 (one name); 0 when either has no key. */
    double similarity(NameKey a, NameKey b);

    /** The built-in matcher: Latin names by Jaro-Winkler, Chinese names by their characters (see the class comment). */
    static NameMatcher standard() {
        return StandardNameMatcher.INSTANCE;
    }
}
