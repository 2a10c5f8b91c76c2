package io.crmkit.core.internal.notification;

import io.crmkit.core.security.UserRef;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host users a comment mentions. A mention is {@code @} and a host user id, written either plainly, as letters,
 * digits (any script) and {@code . _ -} ({@code @li.si}, {@code @张三}; a full stop ending the sentence is not part of
 * it), or in braces for any other id ({@code @{Li Si}}). An {@code @} inside a word (an email address) mentions nobody.
 */
final class Mentions {
    private static final Pattern MENTION = Pattern.compile(
            "(?<![\\p{L}\\p{N}\\p{M}._%+-])@(?:\\{([^{}\\r\\n]{1,100})\\}|([\\p{L}\\p{N}\\p{M}_][\\p{L}\\p{N}\\p{M}._-]*))");

    private Mentions() {
    }

    /** The users {@code text} mentions, in order of first mention, each once. */
    static Set<UserRef> in(String text) {
        Set<UserRef> users = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            String id = m.group(1) != null ? m.group(1).strip() : stripTrailingDots(m.group(2));
            if (!id.isEmpty() && io.crmkit.core.Checks.isCleanText(id, UserRef.MAX_LENGTH)) {
                users.add(UserRef.of(id));
            }
        }
        return users;
    }

    private static String stripTrailingDots(String id) {
        int end = id.length();
        while (end > 0 && id.charAt(end - 1) == '.') {
            end--;
        }
        return id.substring(0, end);
    }
}
