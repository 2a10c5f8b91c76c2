package io.crmkit.analytics.text;

import io.crmkit.core.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Reads labelled feedback files in the two common layouts and splits them for evaluation:
 * <ul>
 *   <li>CSV with a header whose first column is the label: {@code label,review}, label 1 or 0, fields
 *       quoted as in RFC 4180 (ChnSentiCorp);</li>
 *   <li>one text per line with a tab and the label last: {@code text<TAB>1} (Sentiment Labelled Sentences).</li>
 * </ul>
 */
public final class LabelledFiles {
    private LabelledFiles() {
    }

    /**
     * Reads a UTF-8 file in either layout, told apart by the first line.
     *
     * @throws ValidationException if a label is not 0 or 1
     */
    public static List<LabelledText> read(Path file) {
        Objects.requireNonNull(file, "file");
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1);
        }
        int firstEnd = content.indexOf('\n');
        String first = (firstEnd < 0 ? content : content.substring(0, firstEnd)).strip();
        return first.contains("\t") ? readTabbed(content) : readCsv(content);
    }

    private static List<LabelledText> readTabbed(String content) {
        List<LabelledText> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : content.split("\r?\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            int tab = line.lastIndexOf('\t');
            if (tab < 0) {
                throw ValidationException.of("line " + lineNo, "format", "needs text<TAB>label");
            }
            out.add(new LabelledText(line.substring(0, tab).strip(), label(line.substring(tab + 1).strip(), lineNo)));
        }
        return out;
    }

    private static List<LabelledText> readCsv(String content) {
        List<List<String>> rows = parseCsv(content);
        List<LabelledText> out = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            String text = row.size() < 2 ? "" : String.join(",", row.subList(1, row.size()));
            out.add(new LabelledText(text, label(row.get(0).strip(), i + 1)));
        }
        return out;
    }

    private static boolean label(String s, int line) {
        switch (s) {
            case "1":
                return true;
            case "0":
                return false;
            default:
                throw ValidationException.of("line " + line, "label", "label must be 0 or 1 but was '" + s + "'");
        }
    }

    private static List<List<String>> parseCsv(String s) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    /**
     * Splits texts into a training and a held-out part with a seeded shuffle: the same seed always gives
     * the same split.
     *
     * @param heldOutShare share of texts held out for testing, between 0 and 1 exclusive
     */
    public static Split split(List<LabelledText> texts, double heldOutShare, long seed) {
        if (!(heldOutShare > 0 && heldOutShare < 1)) {
            throw ValidationException.of("heldOutShare", "range", "must be between 0 and 1 but was " + heldOutShare);
        }
        List<LabelledText> shuffled = new ArrayList<>(texts);
        Collections.shuffle(shuffled, new Random(seed));
        int test = (int) Math.floor(shuffled.size() * heldOutShare);
        return new Split(shuffled.subList(test, shuffled.size()), shuffled.subList(0, test));
    }

    /**
     * A training part and a held-out test part.
     *
     * @param training texts to train on
     * @param test     texts to evaluate on
     */
    public record Split(List<LabelledText> training, List<LabelledText> test) {
        public Split {
            training = List.copyOf(training);
            test = List.copyOf(test);
        }
    }
}
