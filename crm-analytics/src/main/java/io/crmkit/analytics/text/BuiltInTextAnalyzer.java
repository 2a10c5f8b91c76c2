package io.crmkit.analytics.text;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The dependency-free analyzer: the {@link Tokenizer} with its own custom words. Adding words swaps in a new
 * immutable tokenizer (copy on write of the custom words only), so analyses never lock.
 */
final class BuiltInTextAnalyzer implements TextAnalyzer {
    private volatile Tokenizer tokenizer;
    private final Set<String> custom = new LinkedHashSet<>();

    BuiltInTextAnalyzer() {
        this(Tokenizer.standard());
    }

    BuiltInTextAnalyzer(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public Analysis analyze(String text) {
        TextAnalyzer.checkText(text);
        return new Analysis(text, tokenizer.tokenClauses(text), List.of());
    }

    @Override
    public List<List<String>> words(String text) {
        return tokenizer.clauses(TextAnalyzer.checkText(text));
    }

    @Override
    public synchronized void addWords(Collection<String> words) {
        List<String> checked = TextAnalyzer.checkWords(words);
        custom.addAll(checked);
        tokenizer = tokenizer.plus(checked);
    }

    @Override
    public synchronized Set<String> customWords() {
        return Set.copyOf(custom);
    }

    @Override
    public String name() {
        return "builtin";
    }

    @Override
    public String toString() {
        return "TextAnalyzer[builtin]";
    }
}
