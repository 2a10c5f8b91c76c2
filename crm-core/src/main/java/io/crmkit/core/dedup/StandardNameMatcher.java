package io.crmkit.core.dedup;

/**
 * {@link NameMatcher#standard()}: a Chinese character stands for itself (no pinyin, no simplification). Two names
 * with Chinese characters score 70% by how many characters they share (Dice over the characters) and 30% by
 * Jaro-Winkler over their keys; all other pairs by Jaro-Winkler over the keys.
 */
final class StandardNameMatcher implements NameMatcher {
    static final StandardNameMatcher INSTANCE = new StandardNameMatcher();

    private StandardNameMatcher() {
    }

    @Override
    public NameKey key(String name) {
        return NameKey.of(name, Character::toString, Character::toString);
    }

    @Override
    public double similarity(NameKey a, NameKey b) {
        if (a.blockingKeys().isEmpty() || b.blockingKeys().isEmpty()) {
            return 0;
        }
        double words = JaroWinkler.similarity(a.key(), b.key());
        if (a.characters().isEmpty() || b.characters().isEmpty()) {
            return words;
        }
        return 0.7 * overlap(a.characters(), b.characters()) + 0.3 * words;
    }

    /** Dice's coefficient over the two names' characters (as multisets): 1 for the same characters. */
    static double overlap(String a, String b) {
        int[] x = a.codePoints().sorted().toArray();
        int[] y = b.codePoints().sorted().toArray();
        int shared = 0;
        for (int i = 0, j = 0; i < x.length && j < y.length; ) {
            if (x[i] == y[j]) {
                shared++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return 2.0 * shared / (x.length + y.length);
    }

    @Override
    public String toString() {
        return "NameMatcher.standard()";
    }
}
