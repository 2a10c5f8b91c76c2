package io.crmkit.analytics.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link TextAnalyzer} found in a text.
 *
 * @param text     the analysed text
 * @param clauses  its words grouped into clauses (runs between punctuation marks), in order; punctuation
 *                 and spaces are not words
 * @param entities the entities the backend itself recognises, ordered by start, not overlapping (none for
 *                 the built-in analyzer; persons, places and organisations for HanLP); CRM entities come
 *                 from {@link CrmEntities}
 */
public record Analysis(String text, List<List<Token>> clauses, List<Entity> entities) {
    /** Copies the lists. */
    public Analysis {
        Objects.requireNonNull(text, "text");
        List<List<Token>> copy = new ArrayList<>(clauses.size());
        for (List<Token> clause : clauses) {
            copy.add(List.copyOf(clause));
        }
        clauses = List.copyOf(copy);
        entities = List.copyOf(entities);
    }

    /** Every word, in order. */
    public List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        for (List<Token> clause : clauses) {
            out.addAll(clause);
        }
        return out;
    }

    /** The words' texts per clause: what the sentiment and key-phrase models read. */
    public List<List<String>> words() {
        List<List<String>> out = new ArrayList<>(clauses.size());
        for (List<Token> clause : clauses) {
            List<String> words = new ArrayList<>(clause.size());
            for (Token t : clause) {
                words.add(t.text());
            }
            out.add(words);
        }
        return out;
    }
}
