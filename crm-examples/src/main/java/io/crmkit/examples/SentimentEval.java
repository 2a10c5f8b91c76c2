package io.crmkit.examples;

import io.crmkit.analytics.text.Evaluation;
import io.crmkit.analytics.text.LabelledFiles;
import io.crmkit.analytics.text.LabelledText;
import io.crmkit.analytics.text.NaiveBayesSentiment;
import io.crmkit.analytics.text.SentimentModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Trains the naive Bayes sentiment model on one labelled file and evaluates it on another. Reads both
 * layouts: CSV {@code label,review} with a header (ChnSentiCorp) and {@code text<TAB>label} (Sentiment
 * Labelled Sentences). When {@code --train} and {@code --test} name the same file, it is split with a
 * seeded shuffle: 80% to train, 20% held out to test ({@code --held-out} and {@code --seed} change that).
 * The last line is {@code accuracy=0.8731 n=1553}.
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
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--train" -> train = Path.of(args[i + 1]);
                case "--test" -> test = Path.of(args[i + 1]);
                case "--held-out" -> heldOut = Double.parseDouble(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> {
                    usage();
                    return;
                }
            }
        }
        if (train == null || test == null) {
            usage();
            return;
        }
        List<LabelledText> training;
        List<LabelledText> testing;
        if (train.toAbsolutePath().normalize().equals(test.toAbsolutePath().normalize())) {
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
        NaiveBayesSentiment model = NaiveBayesSentiment.train(training);
        Evaluation e = model.evaluate(testing);
        System.out.printf(Locale.ROOT, "naive Bayes: %d features; tp=%d tn=%d fp=%d fn=%d%n", model.vocabularySize(),
                e.truePositives(), e.trueNegatives(), e.falsePositives(), e.falseNegatives());
        System.out.printf(Locale.ROOT, "accuracy=%.4f n=%d%n", e.accuracy(), e.count());
    }

    private static void usage() {
        System.err.println("usage: SentimentEval --train FILE --test FILE [--held-out 0.2] [--seed 42]");
        System.exit(2);
    }
}
