package io.crmkit.core.internal.messaging;

import io.crmkit.core.Checks;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {{name}}} placeholders; values are HTML-escaped for HTML bodies. */
final class TemplateRenderer {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([\\p{L}\\p{N}_.-]+)\\s*}}");

    private TemplateRenderer() {
    }

    /** Renders {@code template}; a placeholder without a value is reported to {@code checks} as {@code variables.<name>}. */
    static String render(String template, Map<String, String> values, boolean html, Checks checks) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 32);
        while (m.find()) {
            String name = m.group(1);
            String value = values.get(name);
            if (value == null) {
                checks.add("variables." + name, "missing", "has no value for the template placeholder {{" + name + "}}");
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(html ? escapeHtml(value) : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escapeHtml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
