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
        int septets = 0;
        boolean gsm = true;
        for (int i = 0; i < text.length() && gsm; i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                gsm = false;
            }
        }
        int characters = text.codePointCount(0, text.length());
        if (gsm) {
            return new SmsLength(Encoding.GSM7, characters, septets, segments(septets, 160, 153));
        }
        return new SmsLength(Encoding.UCS2, characters, text.length(), segments(text.length(), 70, 67));
    }

    private static int segments(int units, int single, int multi) {
        if (units == 0) {
            return 0;
        }
        return units <= single ? 1 : (units + multi - 1) / multi;
    }
}
