package io.crmkit.analytics.text;

/** Reads simple Chinese numerals: 三百, 一千二百五十, 两万三千, 十五, 三百零五. */
final class ChineseNumerals {
    private ChineseNumerals() {
    }

    /** The value, or -1 when the text is not a numeral this reader understands. */
    static long parse(String s) {
        long total = 0;
        long section = 0;
        long digit = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int d = "零〇一二三四五六七八九".indexOf(c);
            if (c == '两') {
                d = 2;
            } else if (d >= 2) {
                d = d - 1; // 零 and 〇 are both 0
            } else if (d == 1) {
                d = 0;
            }
            if (d >= 0) {
                if (digit > 0) {
                    return -1; // two digits in a row ("一二") are not a numeral of this kind
                }
                digit = d;
                continue;
            }
            long unit = switch (c) {
                case '十' -> 10;
                case '百' -> 100;
                case '千' -> 1000;
                case '万' -> 10_000;
                default -> -1;
            };
            if (unit < 0) {
                return -1;
            }
            if (unit == 10_000) {
                total = (total + section + Math.max(digit, 0)) * 10_000;
                section = 0;
            } else {
                section += (digit < 0 ? (unit == 10 ? 1 : 0) : digit) * unit;
                if (digit < 0 && unit != 10) {
                    return -1;
                }
            }
            digit = -1;
        }
        return total + section + Math.max(digit, 0);
    }
}
