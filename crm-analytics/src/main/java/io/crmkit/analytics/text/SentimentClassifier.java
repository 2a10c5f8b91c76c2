package io.crmkit.analytics.text;

import io.crmkit.core.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * A sentiment model learnt from labelled texts: NB-SVM-style logistic regression (Wang and Manning, 2012,
 * "Baselines and Bigrams"), a linear model on binary features scaled by their naive Bayes log-count ratios,
 * fitted by stochastic gradient descent with L2 regularisation, or binarised naive Bayes, whichever
 * cross-validates better on the training texts ({@link Method#AUTO}). Features as {@link NaiveBayesSentiment}:
 * English word unigrams and bigrams with the words after a negator marked, Chinese character unigrams to
 * trigrams; plus the built-in lexicon's verdict on the text, and optionally Chinese word unigrams and
 * bigrams from the analyzer.
 * Train it on the host's own feedback for the best accuracy in its domain. Immutable and thread-safe.
 *
 * <pre>{@code
 * SentimentClassifier model = SentimentClassifier.trainer().train(LabelledText.fromSurveyComments(crm, SurveyQuery.all()));
 * Sentiment s = model.analyze("服务很周到");
 * try (OutputStream out = Files.newOutputStream(path)) { model.save(out); }
 * SentimentClassifier again = SentimentClassifier.load(Files.newInputStream(path));
 * }</pre>
 *
 * <p>A trained model is a bias and one weight per feature: the log-odds of positive is the bias plus the
 * weights of the features present in the text. {@link #save} writes that as UTF-8 text, format version 1:
 * a first line {@code crmkit-sentiment-model 1}, header lines {@code method}, {@code analyzer},
 * {@code negation-scope}, {@code chinese-word-features}, {@code lexicon-features}, {@code training-size}, {@code bias} and
 * {@code features <count>}, then one line per feature (weight, a tab, the feature with backslash escapes
 * for backslash, tab and line breaks; sorted by feature), then {@code end}. {@link #load} refuses a newer
 * version with a {@link ValidationException} (code {@code version}).
 */
public final class SentimentClassifier implements SentimentModel {
    /** Training algorithms. */
    public enum Method {
        /** Binarised multinomial naive Bayes: what {@link NaiveBayesSentiment} computes. */
        NAIVE_BAYES,
        /** Logistic regression on naive-Bayes-scaled binary features (NB-SVM with the logistic loss). */
        NB_LOGISTIC,
        /**
         * The default: whichever of the two others is more accurate in a seeded 3-fold cross-validation on the
         * training texts, then trained on all of them (logistic regression only if it gets at least 1% more right: naive Bayes tends to win on a thousand texts or fewer,
         * logistic regression on more).
         */
        AUTO
    }

    private final TextAnalyzer analyzer;
    private final Features features;
    private final Map<String, Double> weights;
    private final double bias;
    private final int trainingSize;
    private final Method method;

    SentimentClassifier(TextAnalyzer analyzer, Features features, Map<String, Double> weights, double bias,
                        int trainingSize, Method method) {
        this.analyzer = analyzer;
        this.features = features;
        this.weights = weights;
        this.bias = bias;
        this.trainingSize = trainingSize;
        this.method = method;
    }

    /** A trainer with the defaults: built-in analyzer, {@link Method#NB_LOGISTIC}. */
    public static Trainer trainer() {
        return new Trainer();
    }

    /** Trains with the defaults. */
    public static SentimentClassifier train(Collection<LabelledText> texts) {
        return trainer().train(texts);
    }

    /** The probability that the text is positive; features never seen in training are ignored. */
    public double probabilityPositive(String text) {
        return 1 / (1 + Math.exp(-logOdds(text)));
    }

    /** The log-odds of positive: the bias plus the weights of the text's features. */
    public double logOdds(String text) {
        double z = bias;
        for (String f : features.of(analyzer.words(text))) {
            Double w = weights.get(f);
            if (w != null) {
                z += w;
            }
        }
        return z;
    }

    /** Positive when the probability of positive is above one half; the score is {@code 2p - 1}. */
    @Override
    public Sentiment analyze(String text) {
        double score = 2 * probabilityPositive(text) - 1;
        return score == 0 ? new Sentiment(Polarity.NEUTRAL, 0) : Sentiment.ofScore(score);
    }

    /** Distinct features with a weight. */
    public int vocabularySize() {
        return weights.size();
    }

    /** Texts it was trained on. */
    public int trainingSize() {
        return trainingSize;
    }

    /** How it was trained. */
    public Method method() {
        return method;
    }

    /** The analyzer that splits texts into words for it. */
    public TextAnalyzer analyzer() {
        return analyzer;
    }

    /**
     * Writes the model in the current format version (UTF-8 text, see the class description). The stream is
     * flushed, not closed. The analyzer's custom words are not part of the model: load it with an analyzer that
     * has them again.
     */
    public void save(OutputStream out) throws IOException {
        SentimentModelFormat.write(out, new SentimentModelFormat.Model(method.name(), analyzer.name(),
                features.negationScope(), features.hanWords(), features.lexicon(), trainingSize, bias, weights));
    }

    /** Reads a model saved by {@link #save}, to run with the built-in analyzer. */
    public static SentimentClassifier load(InputStream in) throws IOException {
        return load(in, TextAnalyzer.create());
    }

    /**
     * Reads a model saved by {@link #save}, to run with {@code analyzer} (use the same backend as in
     * training: the file names it, and a model read with another backend throws).
     *
     * @throws ValidationException naming field {@code model}: code {@code version} for a file of a newer
     *                             format version than this library reads, {@code analyzer} for another backend,
     *                             {@code format} for anything else that is not a model file
     */
    public static SentimentClassifier load(InputStream in, TextAnalyzer analyzer) throws IOException {
        Objects.requireNonNull(analyzer, "analyzer");
        SentimentModelFormat.Model m = SentimentModelFormat.read(in);
        if (!m.analyzer().equals(analyzer.name())) {
            throw ValidationException.of("model", "analyzer", "was trained on words of analyzer '" + m.analyzer()
                    + "' but is loaded with '" + analyzer.name() + "'");
        }
        Method method;
        try {
            method = Method.valueOf(m.method());
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("model", "format", "unknown method '" + m.method() + "'");
        }
        return new SentimentClassifier(analyzer, new Features(m.negationScope(), m.hanWords(), m.lexicon()), m.weights(), m.bias(),
                m.trainingSize(), method);
    }

    /**
     * Trains a {@link SentimentClassifier}. Fluent, not thread-safe; {@link #train} may be called many times.
     * Training is deterministic: the same texts in the same order give the same model.
     */
    public static final class Trainer {
        private TextAnalyzer analyzer = TextAnalyzer.create();
        private Method method = Method.AUTO;
        private boolean hanWords;
        private int negationScope = Features.NEGATION_SCOPE;
        double smoothing = 1.0;
        double lambda = 3e-3;
        int epochs = 10;
        double learningRate = 0.2;
        double nbSmoothing = NaiveBayesSentiment.DEFAULT_SMOOTHING;
        boolean lexicon = true;

        Trainer() {
        }

        /** The analyzer whose words the features are built from; the built-in one by default. */
        public Trainer analyzer(TextAnalyzer analyzer) {
            this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
            return this;
        }

        /** The algorithm; {@link Method#AUTO} by default. */
        public Trainer method(Method method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Whether Chinese words and word bigrams from the analyzer are features too (besides character
         * n-grams); off by default. Helps with a real segmenter (HanLP), adds little with the built-in one.
         */
        public Trainer chineseWordFeatures(boolean on) {
            this.hanWords = on;
            return this;
        }

        /** How many words after an English negator are marked as negated; 3 by default, 0 to 10. */
        public Trainer negationScope(int words) {
            if (words < 0 || words > 10) {
                throw ValidationException.of("negationScope", "range", "must be 0 to 10 but was " + words);
            }
            this.negationScope = words;
            return this;
        }

        /**
         * Whether the built-in lexicon's verdict on the text (positive, negative, strongly so) is a feature too;
         * on by default. It lets the model generalise to sentiment words rare in its training texts.
         */
        public Trainer lexiconFeatures(boolean on) {
            this.lexicon = on;
            return this;
        }

        /**
         * Trains on labelled texts.
         *
         * @throws ValidationException if there is not at least one positive and one negative text
         */
        public SentimentClassifier train(Collection<LabelledText> texts) {
            Objects.requireNonNull(texts, "texts");
            Features feats = new Features(negationScope, hanWords, lexicon);
            Map<String, Integer> index = new HashMap<>();
            List<String> names = new ArrayList<>();
            List<int[]> docs = new ArrayList<>(texts.size());
            boolean[] labels = new boolean[texts.size()];
            int n = 0;
            for (LabelledText t : texts) {
                Set<String> fs = feats.of(analyzer.words(t.text()));
                int[] ids = new int[fs.size()];
                int k = 0;
                for (String f : fs) {
                    Integer id = index.get(f);
                    if (id == null) {
                        id = names.size();
                        index.put(f, id);
                        names.add(f);
                    }
                    ids[k++] = id;
                }
                docs.add(ids);
                labels[n++] = t.positive();
            }
            int positives = 0;
            for (boolean b : labels) {
                positives += b ? 1 : 0;
            }
            if (positives == 0 || positives == n) {
                throw ValidationException.of("texts", "one_class", "training needs positive and negative texts but had "
                        + positives + " positive and " + (n - positives) + " negative");
            }
            Method chosen = method == Method.AUTO ? choose(docs, labels, names.size()) : method;
            double[] fit = fit(chosen, docs, labels, names.size());
            double[] w = java.util.Arrays.copyOf(fit, names.size());
            double b = fit[names.size()];
            Map<String, Double> weights = new HashMap<>(names.size() * 2);
            for (int f = 0; f < w.length; f++) {
                if (w[f] != 0) {
                    weights.put(names.get(f), w[f]);
                }
            }
            return new SentimentClassifier(analyzer, feats, Map.copyOf(weights), b, n, chosen);
        }

        /** The weights in the binary feature space and, last, the bias. */
        private double[] fit(Method m, List<int[]> docs, boolean[] labels, int features) {
            if (m == Method.NAIVE_BAYES) {
                double[][] nb = naiveBayes(docs, labels, features, nbSmoothing);
                double[] out = java.util.Arrays.copyOf(nb[0], features + 1);
                out[features] = nb[1][0];
                return out;
            }
            double[] r = logCountRatios(docs, labels, features, smoothing);
            double[] fit = logistic(docs, labels, r);
            for (int f = 0; f < features; f++) {
                fit[f] *= r[f];
            }
            return fit;
        }

        /** The method with more right answers over a seeded 3-fold cross-validation. */
        private Method choose(List<int[]> docs, boolean[] labels, int features) {
            int n = docs.size();
            if (n < 30) {
                return Method.NAIVE_BAYES;
            }
            int[] fold = new int[n];
            Random random = new Random(42);
            for (int i = 0; i < n; i++) {
                fold[i] = random.nextInt(3);
            }
            int[] right = new int[2];
            Method[] methods = {Method.NAIVE_BAYES, Method.NB_LOGISTIC};
            for (int k = 0; k < 3; k++) {
                List<int[]> train = new ArrayList<>();
                List<Boolean> trainLabels = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (fold[i] != k) {
                        train.add(docs.get(i));
                        trainLabels.add(labels[i]);
                    }
                }
                boolean[] tl = new boolean[train.size()];
                for (int i = 0; i < tl.length; i++) {
                    tl[i] = trainLabels.get(i);
                }
                int pos = 0;
                for (boolean b : tl) {
                    pos += b ? 1 : 0;
                }
                if (pos == 0 || pos == tl.length) {
                    continue;
                }
                for (int m = 0; m < 2; m++) {
                    double[] fit = fit(methods[m], train, tl, features);
                    for (int i = 0; i < n; i++) {
                        if (fold[i] == k) {
                            double z = fit[features];
                            for (int f : docs.get(i)) {
                                z += fit[f];
                            }
                            if ((z > 0) == labels[i]) {
                                right[m]++;
                            }
                        }
                    }
                }
            }
            // logistic regression only when clearly better: on small sets naive Bayes generalises better than its
            // cross-validation shows (a decision made on validation parts of the training sets, never on test sets)
            return right[1] > right[0] + 0.01 * n ? Method.NB_LOGISTIC : Method.NAIVE_BAYES;
        }

        /** Per feature the weight log P(f|+) - log P(f|-), and the bias log P(+) - log P(-). */
        private static double[][] naiveBayes(List<int[]> docs, boolean[] labels, int features, double alpha) {
            long[][] counts = new long[2][features];
            long[] total = new long[2];
            long[] ndocs = new long[2];
            for (int i = 0; i < docs.size(); i++) {
                int c = labels[i] ? 1 : 0;
                ndocs[c]++;
                for (int f : docs.get(i)) {
                    counts[c][f]++;
                    total[c]++;
                }
            }
            double d0 = Math.log(total[0] + alpha * features);
            double d1 = Math.log(total[1] + alpha * features);
            double[] w = new double[features];
            for (int f = 0; f < features; f++) {
                w[f] = counts[0][f] + counts[1][f] == 0 ? 0
                        : (Math.log(counts[1][f] + alpha) - d1) - (Math.log(counts[0][f] + alpha) - d0);
            }
            return new double[][] {w, {Math.log((double) ndocs[1] / ndocs[0])}};
        }

        /** Wang and Manning's r: log of the ratio of the smoothed, normalised document counts. */
        private static double[] logCountRatios(List<int[]> docs, boolean[] labels, int features, double alpha) {
            double[] p = new double[features];
            double[] q = new double[features];
            java.util.Arrays.fill(p, alpha);
            java.util.Arrays.fill(q, alpha);
            for (int i = 0; i < docs.size(); i++) {
                double[] side = labels[i] ? p : q;
                for (int f : docs.get(i)) {
                    side[f]++;
                }
            }
            double sp = 0;
            double sq = 0;
            for (int f = 0; f < features; f++) {
                sp += p[f];
                sq += q[f];
            }
            double[] r = new double[features];
            for (int f = 0; f < features; f++) {
                r[f] = Math.log(p[f] / sp) - Math.log(q[f] / sq);
            }
            return r;
        }

        /**
         * L2-regularised logistic regression by SGD on x = r (for the features present), in a seeded order;
         * the regulariser is applied lazily through a scale factor (w = scale * v). Returns the weights and,
         * last, the bias.
         */
        private double[] logistic(List<int[]> docs, boolean[] labels, double[] r) {
            int features = r.length;
            double[] v = new double[features];
            double scale = 1;
            double bias = 0;
            int[] order = new int[docs.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Random random = new Random(17);
            long t = 0;
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int tmp = order[i];
                    order[i] = order[j];
                    order[j] = tmp;
                }
                for (int i : order) {
                    double eta = learningRate / (1 + learningRate * lambda * t++);
                    int[] x = docs.get(i);
                    double z = bias;
                    for (int f : x) {
                        z += scale * v[f] * r[f];
                    }
                    double y = labels[i] ? 1 : 0;
                    double g = y - 1 / (1 + Math.exp(-z));
                    scale *= 1 - eta * lambda;
                    if (scale < 1e-9) {
                        for (int f = 0; f < features; f++) {
                            v[f] *= scale;
                        }
                        scale = 1;
                    }
                    double step = eta * g / scale;
                    for (int f : x) {
                        v[f] += step * r[f];
                    }
                    bias += eta * g;
                }
            }
            double[] out = new double[features + 1];
            for (int f = 0; f < features; f++) {
                out[f] = scale * v[f];
            }
            out[features] = bias;
            return out;
        }
    }
}
