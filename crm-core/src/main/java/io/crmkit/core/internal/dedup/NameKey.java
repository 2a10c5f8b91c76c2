package io.crmkit.core.internal.dedup;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A name reduced to what two spellings of it share: Latin words lower-cased without accents, Chinese characters as
 * their pinyin without tones (ICU4J's Han-Latin; a run of characters as surname and given name, the way names are
 * written in Latin letters), so that 张伟, 張偉 and "Zhang Wei" have one key, as 张小明 and "Xiaoming Zhang"; and the
 * Chinese characters in their simplified form, for comparing characters. ICU's transliterators take a tenth of a
 * millisecond per name, so each character's reading is computed once and kept (a few thousand characters are in
 * use).
 *
 * @param tokens  the name's words or syllables, sorted (so that "Wei Zhang" is "Zhang Wei")
 * @param key     the tokens joined by spaces: the exact blocking key and what similarity compares
 * @param han     the name's Chinese characters, simplified, in order; empty for a Latin name
 */
record NameKey(List<String> tokens, String key, String han) {
    private static final ConcurrentHashMap<Integer, String[]> READINGS = new ConcurrentHashMap<>();
    private static final ThreadLocal<Transliterator> PINYIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower"));
    private static final ThreadLocal<Transliterator> SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));

    static NameKey of(String name) {
        String text = Normalizer.normalize(name, Normalizer.Form.NFKC);
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        StringBuilder han = new StringBuilder();
        List<String> run = new ArrayList<>(); // the syllables of consecutive Chinese characters
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                flush(word, tokens);
                String[] reading = READINGS.computeIfAbsent(cp, NameKey::reading);
                run.add(reading[0]);
                han.append(reading[1]);
                continue;
            }
            flushRun(run, tokens);
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                flush(word, tokens); // spaces, punctuation, emoji separate words
            }
        }
        flush(word, tokens);
        flushRun(run, tokens);
        String[] sorted = tokens.stream().filter(t -> !t.isEmpty()).sorted().toArray(String[]::new);
        return new NameKey(List.of(sorted), String.join(" ", sorted), han.toString());
    }

    /** Initials of the sorted tokens and the first three letters of the longest: the key for misspelt names. */
    String fuzzyKey() {
        if (tokens.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        String longest = "";
        for (String t : tokens) {
            b.append(t.charAt(0));
            if (t.length() > longest.length()) {
                longest = t;
            }
        }
        return b.append(':').append(longest, 0, Math.min(3, longest.length())).toString();
    }

    /**
     * A run of Chinese characters as a name is written in pinyin: the surname (the first character) and the given
     * name as one word, so that 张小明 is "zhang xiaoming", as "Xiaoming Zhang" is.
     */
    private static void flushRun(List<String> run, List<String> tokens) {
        if (!run.isEmpty()) {
            tokens.add(run.get(0));
            if (run.size() > 1) {
                tokens.add(String.join("", run.subList(1, run.size())));
            }
            run.clear();
        }
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.length() > 0) {
            String ascii = Normalizer.normalize(word, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
            tokens.add(ascii.toLowerCase(Locale.ROOT));
            word.setLength(0);
        }
    }

    /** One Chinese character's pinyin (first reading) and simplified form. */
    private static String[] reading(int cp) {
        String ch = new String(Character.toChars(cp));
        String pinyin = PINYIN.get().transliterate(ch).strip();
        String simplified = SIMPLIFIED.get().transliterate(ch);
        // A character ICU cannot read stays itself, still a token of its own.
        return new String[] {pinyin.isEmpty() ? ch : pinyin.split("\\s+")[0], simplified};
    }

    @Override
    public String toString() {
        return "NameKey[" + key + (han.isEmpty() ? "" : ", " + han) + ", tokens=" + Arrays.toString(tokens.toArray()) + "]";
    }
}
