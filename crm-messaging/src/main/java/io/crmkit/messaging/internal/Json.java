package io.crmkit.messaging.internal;

import java.util.Map;
import java.util.Optional;

/**
 * Just enough JSON for gateway calls: writes a flat object of string fields and reads one top-level
 * field of a response. Not a general JSON library.
 */
public final class Json {
    private Json() {
    }

    /** A JSON object whose members are the given string fields, in iteration order. */
    public static String object(Map<String, String> fields) {
        StringBuilder out = new StringBuilder(64).append('{');
        boolean first = true;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(out, field.getKey()).append(':');
            quote(out, field.getValue());
        }
        return out.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /**
     * The value of a top-level member of a JSON object when it is a string or a number; empty when the
     * text is not a JSON object, the member is absent, or it holds something else.
     */
    public static Optional<String> topLevelField(String json, String name) {
        try {
            Reader reader = new Reader(json);
            reader.skipWhitespace();
            reader.expect('{');
            reader.skipWhitespace();
            if (reader.peek() == '}') {
                return Optional.empty();
            }
            while (true) {
                reader.skipWhitespace();
                String key = reader.string();
                reader.skipWhitespace();
                reader.expect(':');
                reader.skipWhitespace();
                char c = reader.peek();
                if (key.equals(name)) {
                    if (c == '"') {
                        return Optional.of(reader.string());
                    }
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return Optional.of(reader.number());
                    }
                    return Optional.empty();
                }
                reader.skipValue(0);
                reader.skipWhitespace();
                if (reader.peek() == ',') {
                    reader.pos++;
                    continue;
                }
                reader.expect('}');
                return Optional.empty();
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static final class Reader {
        private static final int MAX_DEPTH = 64;
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        char peek() {
            return s.charAt(pos);
        }

        void expect(char c) {
            if (s.charAt(pos) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + pos);
            }
            pos++;
        }

        void skipWhitespace() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape at " + pos);
                }
            }
        }

        String number() {
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            return s.substring(start, pos);
        }

        void skipValue(int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("nested too deeply");
            }
            char c = peek();
            switch (c) {
                case '"' -> string();
                case '{', '[' -> {
                    char close = c == '{' ? '}' : ']';
                    pos++;
                    skipWhitespace();
                    if (peek() == close) {
                        pos++;
                        return;
                    }
                    while (true) {
                        skipWhitespace();
                        if (c == '{') {
                            string();
                            skipWhitespace();
                            expect(':');
                            skipWhitespace();
                        }
                        skipValue(depth + 1);
                        skipWhitespace();
                        if (peek() == ',') {
                            pos++;
                        } else {
                            expect(close);
                            return;
                        }
                    }
                }
                default -> {
                    int start = pos;
                    while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))
                            || pos < s.length() && "+-.".indexOf(s.charAt(pos)) >= 0) {
                        pos++;
                    }
                    if (start == pos) {
                        throw new IllegalArgumentException("unexpected " + c + " at " + pos);
                    }
                }
            }
        }
    }
}
