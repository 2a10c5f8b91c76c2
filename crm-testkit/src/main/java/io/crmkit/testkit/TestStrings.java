package io.crmkit.testkit;

/**
 * Text that storage adapters tend to get wrong: characters outside the Basic Multilingual Plane,
 * Chinese, SQL and {@code LIKE} metacharacters, long text. Use it in test data so a round trip proves
 * the adapter keeps every character.
 */
public final class TestStrings {
    /** Chinese text (BMP, three bytes per character in UTF-8). */
    public static final String CHINESE = "张三丰，北京市朝阳区建国路88号，售后回访";
    /** Emoji outside the Basic Multilingual Plane (four bytes in UTF-8, surrogate pairs in Java). */
    public static final String EMOJI = "😀👍";
    /** An SQL injection attempt. */
    public static final String SQL_INJECTION = "'; DROP TABLE x; --";
    /** The wildcards and escape character of SQL {@code LIKE}. */
    public static final String LIKE_METACHARACTERS = "%_\\";
    /** Quotes, a backslash, a tab and a line break. */
    public static final String QUOTES_AND_CONTROLS = "\"double\" 'single' `back` \\ tab\there\r\nnew line";
    /** All of the above in one string. */
    public static final String NASTY = CHINESE + " " + EMOJI + " " + SQL_INJECTION + " " + LIKE_METACHARACTERS + " "
            + QUOTES_AND_CONTROLS + " Ünïcödé ñ ß";

    private TestStrings() {
    }

    /**
     * Deterministic text of exactly {@code chars} UTF-16 code units, mixing ASCII, Chinese, emoji and line
     * breaks, never splitting a surrogate pair.
     */
    public static String text(int chars) {
        if (chars < 0) {
            throw new IllegalArgumentException("chars must not be negative: " + chars);
        }
        String unit = "第" + "一行 line " + EMOJI + " '%_\\ ;--\n";
        StringBuilder sb = new StringBuilder(chars + unit.length());
        int n = 0;
        while (sb.length() < chars) {
            sb.append(unit).append(n++).append(' ');
        }
        sb.setLength(chars);
        if (chars > 0 && Character.isHighSurrogate(sb.charAt(chars - 1))) {
            sb.setCharAt(chars - 1, 'x');
        }
        return sb.toString();
    }

    /** Text of 10,000 characters (about 14 kB in UTF-8): a long note. */
    public static String tenKilobytes() {
        return text(10_000);
    }
}
