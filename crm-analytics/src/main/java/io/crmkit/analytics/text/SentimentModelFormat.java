package io.crmkit.analytics.text;

import io.crmkit.core.ValidationException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The file format of a saved {@link SentimentClassifier}: UTF-8 text, one item per line ({@code \n}).
 *
 * <pre>
 * crmkit-sentiment-model 1          magic word and format version
 * method NB_LOGISTIC                how it was trained
 * analyzer builtin                  the TextAnalyzer backend whose words it reads
 * negation-scope 3                  English words marked after a negator
 * chinese-word-features false       whether Chinese words are features besides character n-grams
 * lexicon-features true             whether the built-in lexicon's verdict is a feature
 * training-size 6213                texts it was trained on
 * bias -0.1234                      log-odds with no known feature (Double.toString: exact round trip)
 * features 412345                   how many feature lines follow
 * 0.8123&lt;TAB&gt;不错                   weight, a tab, the feature (backslash escapes \\ \t \n \r), sorted by feature
 * ...
 * end
 * </pre>
 *
 * Readers refuse a version newer than theirs with a clear error; a later version may add header lines
 * before {@code features}, which a reader of the same version must know.
 */
final class SentimentModelFormat {
    static final String MAGIC = "crmkit-sentiment-model";
    static final int VERSION = 1;

    private SentimentModelFormat() {
    }

    record Model(String method, String analyzer, int negationScope, boolean hanWords, boolean lexicon, int trainingSize, double bias,
                 Map<String, Double> weights) {
    }

    static void write(OutputStream out, Model m) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write(MAGIC + " " + VERSION + "\n");
        w.write("method " + m.method() + "\n");
        w.write("analyzer " + m.analyzer() + "\n");
        w.write("negation-scope " + m.negationScope() + "\n");
        w.write("chinese-word-features " + m.hanWords() + "\n");
        w.write("lexicon-features " + m.lexicon() + "\n");
        w.write("training-size " + m.trainingSize() + "\n");
        w.write("bias " + m.bias() + "\n");
        List<Map.Entry<String, Double>> entries = new ArrayList<>(m.weights().entrySet());
        entries.sort(Map.Entry.comparingByKey());
        w.write("features " + entries.size() + "\n");
        for (Map.Entry<String, Double> e : entries) {
            w.write(Double.toString(e.getValue()));
            w.write('\t');
            w.write(escape(e.getKey()));
            w.write('\n');
        }
        w.write("end\n");
        w.flush();
    }

    static Model read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String first = r.readLine();
        if (first == null || !first.startsWith(MAGIC + " ")) {
            throw bad("does not start with '" + MAGIC + " <version>': not a crmkit sentiment model");
        }
        int version;
        try {
            version = Integer.parseInt(first.substring(MAGIC.length() + 1).strip());
        } catch (NumberFormatException e) {
            throw bad("has no version number on its first line");
        }
        if (version > VERSION) {
            throw ValidationException.of("model", "version", "is in format version " + version
                    + ", newer than version " + VERSION + " that this crmkit reads: load it with the crmkit that saved it or a later one");
        }
        if (version < 1) {
            throw bad("has an invalid version " + version);
        }
        String method = header(r, "method");
        String analyzer = header(r, "analyzer");
        int scope = parseInt(header(r, "negation-scope"), "negation-scope");
        boolean words = bool(header(r, "chinese-word-features"), "chinese-word-features");
        boolean lexicon = bool(header(r, "lexicon-features"), "lexicon-features");
        int size = parseInt(header(r, "training-size"), "training-size");
        double bias = parseDouble(header(r, "bias"), "bias");
        int count = parseInt(header(r, "features"), "features");
        if (count < 0) {
            throw bad("has a negative feature count " + count);
        }
        // the count is the file's word: size the map for what a real model holds, not for what a header claims
        Map<String, Double> weights = new HashMap<>(Math.max(16, Math.min(count, 1 << 16) * 2));
        for (int i = 0; i < count; i++) {
            String line = r.readLine();
            int tab = line == null ? -1 : line.indexOf('\t');
            if (line == null || tab < 0) {
                throw bad("ends before its " + count + " features (at " + i + ")");
            }
            weights.put(unescape(line.substring(tab + 1)), parseDouble(line.substring(0, tab), "feature weight"));
        }
        if (!"end".equals(r.readLine())) {
            throw bad("has no 'end' line after its features: truncated or more features than announced");
        }
        return new Model(method, analyzer, scope, words, lexicon, size, bias, Map.copyOf(weights));
    }

    private static String header(BufferedReader r, String name) throws IOException {
        String line = r.readLine();
        if (line == null || !line.startsWith(name + " ")) {
            throw bad("misses the '" + name + "' line");
        }
        return line.substring(name.length() + 1);
    }

    private static boolean bool(String s, String what) {
        if (!s.equals("true") && !s.equals("false")) {
            throw bad(what + " must be true or false but was " + s);
        }
        return s.equals("true");
    }

    private static int parseInt(String s, String what) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw bad(what + " is not a number: " + s);
        }
    }

    private static double parseDouble(String s, String what) {
        try {
            double d = Double.parseDouble(s.strip());
            if (!Double.isFinite(d)) {
                throw bad(what + " is not finite: " + s);
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(what + " is not a number: " + s);
        }
    }

    private static ValidationException bad(String message) {
        return ValidationException.of("model", "format", message);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
