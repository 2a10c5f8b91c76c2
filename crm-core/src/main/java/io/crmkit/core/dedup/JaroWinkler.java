package io.crmkit.core.dedup;

/**
 * Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4), over code points.
 * Hand-written because crm-core may not depend on commons-text (DESIGN.md: slf4j, libphonenumber, jspecify only).
 */
final class JaroWinkler {
    private JaroWinkler() {
    }

    static double similarity(String left, String right) {
        int[] a = left.codePoints().toArray();
        int[] b = right.codePoints().toArray();
        if (a.length == 0 || b.length == 0) {
            return a.length == b.length ? 1 : 0;
        }
        int window = Math.max(0, Math.max(a.length, b.length) / 2 - 1);
        boolean[] usedA = new boolean[a.length];
        boolean[] usedB = new boolean[b.length];
        int matches = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
                if (!usedB[j] && a[i] == b[j]) {
                    usedA[i] = true;
                    usedB[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int halfTranspositions = 0;
        for (int i = 0, j = 0; i < a.length; i++) {
            if (usedA[i]) {
                while (!usedB[j]) {
                    j++;
                }
                if (a[i] != b[j]) {
                    halfTranspositions++;
                }
                j++;
            }
        }
        double m = matches;
        double jaro = (m / a.length + m / b.length + (m - halfTranspositions / 2) / m) / 3;
        int prefix = 0;
        while (prefix < Math.min(4, Math.min(a.length, b.length)) && a[prefix] == b[prefix]) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
