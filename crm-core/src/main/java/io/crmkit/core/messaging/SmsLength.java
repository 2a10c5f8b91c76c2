package io.crmkit.core.messaging;

/**
 * How long an SMS is on the air: its encoding (GSM-7 when every character is in the GSM 03.38 basic or
 * extension table, otherwise UCS-2), its length in characters and septets or code units, and the
 * number of segments (160/153 for GSM-7, 70/67 for UCS-2).
 *
 * @param characters Unicode code points, as people count them
 * @param units      GSM septets (extension characters count two) or UTF-16 code units
 */
public record SmsLength(Encoding encoding, int characters, int units, int segments) {
    /** The two SMS encodings. */
    public enum Encoding { GSM7, UCS2 }

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    public static SmsLength of(String text) {
        boolean gsm = true;
        for (int i = 0; i < text.length() && gsm; i++) {
            gsm = septets(text.charAt(i)) > 0;
        }
        Encoding encoding = gsm ? Encoding.GSM7 : Encoding.UCS2;
        int single = gsm ? 160 : 70;
        int multi = gsm ? 153 : 67;
        int units = 0;
        int segments = 0;
        int free = 0; // units left in the current segment of a concatenated message
        for (int i = 0; i < text.length(); ) {
            int width = gsm ? septets(text.charAt(i)) : Character.charCount(text.codePointAt(i));
            units += width;
            // an escape sequence or a surrogate pair is never split across two segments
            if (width > free) {
                segments++;
                free = multi;
            }
            free -= width;
            i += gsm ? 1 : width;
        }
        if (units <= single) {
            segments = units == 0 ? 0 : 1;
        }
        return new SmsLength(encoding, text.codePointCount(0, text.length()), units, segments);
    }

    /** Septets of a character in GSM-7: 1 (basic table), 2 (escape and extension table), 0 (none). */
    private static int septets(char c) {
        if (GSM_BASIC.indexOf(c) >= 0) {
            return 1;
        }
        return GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 0;
    }
}
