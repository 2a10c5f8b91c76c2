package io.crmkit.analytics.hanlp;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.collection.trie.bintrie.BinTrie;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.dictionary.DynamicCustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import io.crmkit.analytics.text.Analysis;
import io.crmkit.analytics.text.Entity;
import io.crmkit.analytics.text.EntityType;
import io.crmkit.analytics.text.TextAnalyzer;
import io.crmkit.analytics.text.Token;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TextAnalyzer} on HanLP portable ({@code com.hankcs:hanlp}, Apache-2.0): HanLP's Viterbi
 * segmentation of Chinese with PKU/ICTCLAS part-of-speech tags ({@code n}, {@code v}, {@code a}, {@code nr},
 * ...), and its recognition of person names ({@code nr}, {@code nrf}, {@code nrj} give {@link EntityType#PERSON}),
 * places ({@code ns}: {@link EntityType#PLACE}) and organisations ({@code nt}: {@link EntityType#ORGANIZATION}).
 * A text without Chinese characters takes the built-in analyzer's path (the same tokens as
 * {@link TextAnalyzer#create()}); in mixed text the Latin words HanLP finds are lower-cased as the built-in
 * analyzer does. Punctuation and spaces are not tokens; clauses break where the built-in analyzer breaks them.
 *
 * <pre>{@code
 * TextAnalyzer zh = HanLpTextAnalyzer.create();
 * zh.addWords(List.of("小米手环8"));
 * Analysis a = zh.analyze("张三在北京买的小米手环8坏了");   // 张三/nr 在/p 北京/ns 买/v 的/ude1 小米手环8/nz 坏/a 了/ule
 * a.entities();                                             // PERSON 张三 [0, 2), PLACE 北京 [3, 5)
 * }</pre>
 *
 * <p><b>Dictionaries.</b> HanLP's dictionaries are static, shared by the whole JVM, and loaded from the jar on
 * first use (about a second; nothing is downloaded). Custom words added with {@link #addWords} go into a
 * dictionary of this analyzer only (a HanLP {@code DynamicCustomDictionary} over the shared built-in custom
 * dictionary), so two analyzers, and HanLP used elsewhere in the host, do not see each other's words. Words
 * a host adds to HanLP's global {@code CustomDictionary} are not seen by this analyzer. This class changes no
 * global HanLP setting ({@code HanLP.Config}).
 *
 * <p>Thread-safe: analyses run concurrently; {@link #addWords} waits for running analyses and blocks new
 * ones while it inserts.
 */
public final class HanLpTextAnalyzer implements TextAnalyzer {
    private final Segment segment;
    private final DynamicCustomDictionary dictionary;
    private final TextAnalyzer latin = TextAnalyzer.create();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<String> custom = new LinkedHashSet<>();

    private HanLpTextAnalyzer() {
        DynamicCustomDictionary shared = CustomDictionary.DEFAULT;
        this.dictionary = new DynamicCustomDictionary(shared.dat, new BinTrie<CoreDictionary.Attribute>(), shared.path);
        this.segment = HanLP.newSegment()
                .enableNameRecognize(true)
                .enablePlaceRecognize(true)
                .enableOrganizationRecognize(true)
                .enableCustomDictionary(dictionary)
                .enableOffset(true);
    }

    /** A new analyzer with person, place and organisation recognition and its own, empty set of custom words. */
    public static HanLpTextAnalyzer create() {
        return new HanLpTextAnalyzer();
    }

    @Override
    public Analysis analyze(String text) {
        TextAnalyzer.checkText(text);
        if (!hasHan(text)) {
            return latin.analyze(text);
        }
        List<Term> terms;
        lock.readLock().lock();
        try {
            terms = segment.seg(text);
        } finally {
            lock.readLock().unlock();
        }
        List<List<Token>> clauses = new ArrayList<>();
        List<Token> clause = new ArrayList<>();
        List<Entity> entities = new ArrayList<>();
        for (Term t : terms) {
            String word = t.word;
            int start = t.offset;
            int end = start + word.length();
            if (word.isEmpty() || start < 0 || end > text.length()) {
                continue;
            }
            String pos = t.nature == null ? "x" : t.nature.toString();
            if (!hasLetterOrDigit(word)) {
                if (!clause.isEmpty() && breaksClause(word)) {
                    clauses.add(clause);
                    clause = new ArrayList<>();
                }
                continue;
            }
            String normalised = hasHan(word) ? word : word.replace('\u2019', '\'').toLowerCase(Locale.ROOT);
            clause.add(new Token(normalised, start, end, pos));
            EntityType type = entityType(pos);
            if (type != null) {
                entities.add(new Entity(type, start, end, text.substring(start, end), word));
            }
        }
        if (!clause.isEmpty()) {
            clauses.add(clause);
        }
        return new Analysis(text, clauses, entities);
    }

    private static @Nullable EntityType entityType(String pos) {
        if (pos.startsWith("nr")) {
            return EntityType.PERSON;
        }
        if (pos.startsWith("ns")) {
            return EntityType.PLACE;
        }
        if (pos.startsWith("nt")) {
            return EntityType.ORGANIZATION;
        }
        return null;
    }

    /**
     * {@inheritDoc} The words go into this analyzer's own HanLP dictionary as proper nouns ({@code nz}); Latin
     * words too (HanLP then keeps "Mi Band" whole in Chinese text).
     */
    @Override
    public void addWords(Collection<String> words) {
        List<String> checked = TextAnalyzer.checkWords(words);
        lock.writeLock().lock();
        try {
            for (String w : checked) {
                dictionary.insert(w, "nz 1024");
                custom.add(w);
            }
            latin.addWords(checked);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Set<String> customWords() {
        lock.readLock().lock();
        try {
            return Set.copyOf(custom);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@code hanlp}. */
    @Override
    public String name() {
        return "hanlp";
    }

    @Override
    public String toString() {
        return "TextAnalyzer[hanlp]";
    }

    private static boolean hasHan(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    private static boolean hasLetterOrDigit(String s) {
        return s.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** Punctuation that ends a clause, as in the built-in analyzer: anything but spaces and - _ / &amp; @ # * +. */
    private static boolean breaksClause(String punctuation) {
        return punctuation.codePoints().anyMatch(cp -> !Character.isWhitespace(cp) && "-_/&@#*+".indexOf(cp) < 0);
    }
}
