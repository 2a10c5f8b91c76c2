package io.crmkit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Asserts that secrets appear nowhere in an exception, its causes, suppressed and next exceptions. */
final class Secrets {
    private Secrets() {
    }

    /**
     * Walks {@code failure} and everything reachable from it through {@code getCause()},
     * {@code getSuppressed()} (a Jakarta Mail next exception is its cause), and checks the message,
     * localized message and {@code toString()} of each, and the printed stack trace of the whole.
     *
     * @return how many exceptions were checked
     */
    static int assertNowhereIn(Throwable failure, String... secrets) {
        List<Throwable> all = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>(List.of(failure));
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            all.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
        }
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        for (String secret : secrets) {
            for (Throwable t : all) {
                assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName())
                        .doesNotContain(secret);
                assertThat(String.valueOf(t.getLocalizedMessage())).doesNotContain(secret);
                assertThat(t.toString()).doesNotContain(secret);
            }
            assertThat(trace.toString()).as("printed stack trace").doesNotContain(secret);
        }
        return all.size();
    }
}
