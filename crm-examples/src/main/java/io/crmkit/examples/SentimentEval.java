package io.crmkit.examples;

import io.crmkit.analytics.hanlp.HanLpTextAnalyzer;
import io.crmkit.analytics.text.Evaluation;
import io.crmkit.analytics.text.LabelledFiles;
import io.crmkit.analytics.text.LabelledText;
import io.crmkit.analytics.text.NaiveBayesSentiment;
import io.crmkit.analytics.text.SentimentClassifier;
import io.crmkit.analytics.text.SentimentModel;
import io.crmkit.analytics.text.TextAnalyzer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Trains the sentiment models on one labelled file and evaluates them on another. Reads both layouts: CSV
 * {@code label,review} with a header (ChnSentiCorp) and {@code text<TAB>label} (Sentiment Labelled
 * Sentences). When {@code --train} and {@code --test} name the same file, it is split with a seeded shuffle:
 * 80% to train, 20% held out to test ({@code --held-out} and {@code --seed} change that; {@code --seeds 10}
 * repeats with seeds 1 to 10 and prints mean, min and max). {@code --analyzer hanlp} builds the trained
 * classifier's features on HanLP's words, with Chinese word features. The last line is
 * {@code accuracy=0.9002 n=1553} for the trained {@link SentimentClassifier}.
 *
 * <pre>
 * java io.crmkit.examples.SentimentEval --train ../shared/data/sentiment/ChnSentiCorp_htl_all.csv \
 *                                       --test  ../shared/data/sentiment/ChnSentiCorp_htl_all.csv
 * </pre>
 */
public final class SentimentEval {
    private SentimentEval() {
    }

    public static void main(String[] args) {
        Path train = null;
        Path test = null;
        double heldOut = 0.2;
        long seed = 42;
        int seeds = 0;
        String analyzerName = "builtin";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--train" -> train = Path.of(args[i + 1]);
                case "--test" -> test = Path.of(args[i + 1]);
                case "--held-out" -> heldOut = Double.parseDouble(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--seeds" -> seeds = Integer.parseInt(args[i + 1]);
                case "--analyzer" -> analyzerName = args[i + 1];
                default -> {
                    usage();
                    return;
                }
            }
        }
        if (train == null || test == null || !(analyzerName.equals("builtin") || analyzerName.equals("hanlp"))) {
            usage();
            return;
        }
        TextAnalyzer analyzer = analyzerName.equals("hanlp") ? HanLpTextAnalyzer.create() : TextAnalyzer.create();
        boolean same = train.toAbsolutePath().normalize().equals(test.toAbsolutePath().normalize());
        if (same && seeds > 0) {
            List<LabelledText> all = LabelledFiles.read(train);
            double sum = 0;
            double min = 1;
            double max = 0;
            for (long s = 1; s <= seeds; s++) {
                LabelledFiles.Split split = LabelledFiles.split(all, heldOut, s);
                double acc = classifier(analyzer, split.training()).evaluate(split.test()).accuracy();
                System.out.printf(Locale.ROOT, "seed %d: accuracy=%.4f n=%d%n", s, acc, split.test().size());
                sum += acc;
                min = Math.min(min, acc);
                max = Math.max(max, acc);
            }
            System.out.printf(Locale.ROOT, "seeds 1-%d: mean=%.4f min=%.4f max=%.4f%n", seeds, sum / seeds, min, max);
            return;
        }
        List<LabelledText> training;
        List<LabelledText> testing;
        if (same) {
            LabelledFiles.Split split = LabelledFiles.split(LabelledFiles.read(train), heldOut, seed);
            training = split.training();
            testing = split.test();
            System.out.printf(Locale.ROOT, "one file: %d to train, %d held out (seed %d)%n", training.size(),
                    testing.size(), seed);
        } else {
            training = LabelledFiles.read(train);
            testing = LabelledFiles.read(test);
            System.out.printf(Locale.ROOT, "train: %d texts, test: %d texts%n", training.size(), testing.size());
        }
        Evaluation lexicon = SentimentModel.builtIn().evaluate(testing);
        System.out.printf(Locale.ROOT, "built-in lexicon (no training): accuracy=%.4f (%d neutral)%n",
                lexicon.accuracy(), lexicon.neutral());
        Evaluation nb = NaiveBayesSentiment.train(training).evaluate(testing);
        System.out.printf(Locale.ROOT, "naive Bayes: accuracy=%.4f%n", nb.accuracy());
        SentimentClassifier model = classifier(analyzer, training);
        Evaluation e = model.evaluate(testing);
        System.out.printf(Locale.ROOT, "classifier (%s, %s words): %d features; tp=%d tn=%d fp=%d fn=%d%n",
                model.method(), analyzer.name(), model.vocabularySize(), e.truePositives(), e.trueNegatives(),
                e.falsePositives(), e.falseNegatives());
        System.out.printf(Locale.ROOT, "accuracy=%.4f n=%d%n", e.accuracy(), e.count());
    }

    private static SentimentClassifier classifier(TextAnalyzer analyzer, List<LabelledText> training) {
        return SentimentClassifier.trainer().analyzer(analyzer).chineseWordFeatures(analyzer.name().equals("hanlp"))
                .train(training);
    }

    private static void usage() {
        System.err.println("usage: SentimentEval --train FILE --test FILE [--held-out 0.2] [--seed 42 | --seeds 10]"
                + " [--analyzer builtin|hanlp]");
        System.exit(2);
    }
}
