package io.crmkit.examples;

/** Console layout for mixed Chinese and Latin text: CJK characters take two columns. */
final class Text {
    private Text() {
    }

    /** Pads {@code s} with spaces to {@code columns} display columns. */
    static String pad(String s, int columns) {
        int width = s.codePoints().map(Text::columns).sum();
        return width >= columns ? s : s + " ".repeat(columns - width);
    }

    private static int columns(int cp) {
        Character.UnicodeBlock b = Character.UnicodeBlock.of(cp);
        boolean wide = cp >= 0x1F300 && cp <= 0x1FAFF
                || b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS
                || b == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || b == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || b == Character.UnicodeBlock.HIRAGANA || b == Character.UnicodeBlock.KATAKANA
                || b == Character.UnicodeBlock.HANGUL_SYLLABLES;
        boolean zeroWidth = cp == 0x200D || Character.getType(cp) == Character.NON_SPACING_MARK
                || (cp >= 0xFE00 && cp <= 0xFE0F);
        return zeroWidth ? 0 : wide ? 2 : 1;
    }
}
