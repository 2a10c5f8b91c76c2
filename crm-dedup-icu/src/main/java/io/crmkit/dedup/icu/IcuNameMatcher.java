package io.crmkit.dedup.icu;

import com.ibm.icu.text.Transliterator;
import io.crmkit.core.dedup.NameKey;
import io.crmkit.core.dedup.NameMatcher;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * A {@link NameMatcher} that reads Chinese characters as their pinyin without tones (ICU4J's Han-Latin) and compares
 * them in their simplified form (Traditional-Simplified), so that 张伟, 張偉 and "Zhang Wei" are one name, as 张小明
 * and "Xiaoming Zhang" are: a run of characters is a surname and a given name, the way names are written in Latin
 * letters. Latin words are normalised as by {@link NameMatcher#standard()}.
 *
 * <p>Similarity is Jaro-Winkler over the sorted pinyin or Latin words; when both names are written in Chinese
 * characters, 70% that and 30% how alike the simplified characters are (by edit distance), so that homophones such as
 * 张伟 and 张玮 come out a little apart while 張偉 and 张伟 are one name. A character with several readings is read
 * by its first.
 *
 * <p>ICU's transliterators take about a tenth of a millisecond per name, so each character's reading is computed once
 * and kept (there are a few thousand characters in use, at most the Han script's). Thread-safe.
 *
 * <pre>{@code
 * Crm crm = Crm.builder().storage(storage)
 *         .duplicates(DuplicateSettings.builder().nameMatcher(IcuNameMatcher.create()).build())
 *         .build();
 * }</pre>
 */
public final class IcuNameMatcher implements NameMatcher {
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

    /** Per character: its pinyin syllable and its simplified form; shared, since they never change. */
    private static final ConcurrentHashMap<Integer, String[]> READINGS = new ConcurrentHashMap<>();
    private static final ThreadLocal<Transliterator> PINYIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower"));
    private static final ThreadLocal<Transliterator> SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));

    private IcuNameMatcher() {
    }

    /** A matcher; every one shares the cache of readings. */
    public static IcuNameMatcher create() {
        return new IcuNameMatcher();
    }

    @Override
    public NameKey key(String name) {
        return NameKey.of(name, cp -> reading(cp)[0], cp -> reading(cp)[1]);
    }

    @Override
    public double similarity(NameKey a, NameKey b) {
        if (a.key().isEmpty() || b.key().isEmpty()) {
            return 0;
        }
        double sound = JARO_WINKLER.apply(a.key(), b.key());
        if (a.characters().isEmpty() || b.characters().isEmpty()) {
            return sound;
        }
        int longest = Math.max(a.characters().length(), b.characters().length());
        double chars = 1 - (double) LEVENSHTEIN.apply(a.characters(), b.characters()) / longest;
        return 0.7 * sound + 0.3 * chars;
    }

    private static String[] reading(int cp) {
        return READINGS.computeIfAbsent(cp, IcuNameMatcher::read);
    }

    /** One Chinese character's pinyin (first reading) and simplified form. */
    private static String[] read(int cp) {
        String ch = Character.toString(cp);
        String pinyin = PINYIN.get().transliterate(ch).strip();
        String simplified = SIMPLIFIED.get().transliterate(ch);
        // A character ICU cannot read stays itself, still a word of its own.
        return new String[] {pinyin.isEmpty() ? ch : pinyin.split("\\s+")[0], simplified};
    }

    @Override
    public String toString() {
        return "IcuNameMatcher";
    }
}
