package io.crmkit.analytics.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.analytics.SharedData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accuracy on held-out splits of the shared sentiment sets; skipped when they are absent. */
class SharedSentimentDataTest {
    @Test
    void chnSentiCorpHeldOutAccuracyIsAtLeast85Percent() {
        List<LabelledText> all = LabelledFiles.read(SharedData.require("sentiment/ChnSentiCorp_htl_all.csv"));
        assertThat(all).hasSize(7766);
        LabelledFiles.Split split = LabelledFiles.split(all, 0.2, 42);
        assertThat(split.test()).hasSize(1553);
        Evaluation e = NaiveBayesSentiment.train(split.training()).evaluate(split.test());
        System.out.printf("ChnSentiCorp naive Bayes accuracy=%.4f n=%d%n", e.accuracy(), e.count());
        assertThat(e.accuracy()).isGreaterThanOrEqualTo(0.85);
        Evaluation lexicon = SentimentModel.builtIn().evaluate(split.test());
        System.out.printf("ChnSentiCorp built-in lexicon accuracy=%.4f n=%d%n", lexicon.accuracy(), lexicon.count());
        assertThat(lexicon.accuracy()).isGreaterThan(0.7);
    }

    @Test
    void imdbHeldOutAccuracyIsAtLeast75Percent() {
        List<LabelledText> all = LabelledFiles.read(SharedData.require("sentiment/imdb_labelled.txt"));
        assertThat(all).hasSize(1000);
        LabelledFiles.Split split = LabelledFiles.split(all, 0.2, 42);
        Evaluation e = NaiveBayesSentiment.train(split.training()).evaluate(split.test());
        System.out.printf("imdb naive Bayes accuracy=%.4f n=%d%n", e.accuracy(), e.count());
        assertThat(e.accuracy()).isGreaterThanOrEqualTo(0.75);
        Evaluation lexicon = SentimentModel.builtIn().evaluate(split.test());
        System.out.printf("imdb built-in lexicon accuracy=%.4f n=%d%n", lexicon.accuracy(), lexicon.count());
        // 0.565 with only the library's own 250 English words, 0.680 with VADER's filling in
        assertThat(lexicon.accuracy()).isGreaterThanOrEqualTo(0.66);
    }

    /** The targets on seed 42's held-out part, the one split no setting was chosen on. */
    @Test
    void classifierMeetsTheTargetsAtSeed42() {
        LabelledFiles.Split zh = LabelledFiles.split(
                LabelledFiles.read(SharedData.require("sentiment/ChnSentiCorp_htl_all.csv")), 0.2, 42);
        LabelledFiles.Split en = LabelledFiles.split(
                LabelledFiles.read(SharedData.require("sentiment/imdb_labelled.txt")), 0.2, 42);
        assertThat(SentimentClassifier.train(zh.training()).evaluate(zh.test()).accuracy()).isGreaterThanOrEqualTo(0.89);
        assertThat(SentimentClassifier.train(en.training()).evaluate(en.test()).accuracy()).isGreaterThanOrEqualTo(0.82);
    }

    @Test
    void threeMoreSeedsAllClearTheBar() {
        List<LabelledText> zh = LabelledFiles.read(SharedData.require("sentiment/ChnSentiCorp_htl_all.csv"));
        List<LabelledText> en = LabelledFiles.read(SharedData.require("sentiment/imdb_labelled.txt"));
        for (long seed = 1; seed <= 3; seed++) {
            LabelledFiles.Split z = LabelledFiles.split(zh, 0.2, seed);
            LabelledFiles.Split e = LabelledFiles.split(en, 0.2, seed);
            assertThat(NaiveBayesSentiment.train(z.training()).evaluate(z.test()).accuracy()).isGreaterThanOrEqualTo(0.85);
            assertThat(NaiveBayesSentiment.train(e.training()).evaluate(e.test()).accuracy()).isGreaterThanOrEqualTo(0.75);
        }
    }

    /**
     * The trained classifier: over seeds 1-10 its held-out accuracy was at least 0.888 (Chinese) and 0.810
     * (English); the bars sit just below, at seed 42 and three others.
     */
    @Test
    void classifierClearsTheHigherBarAtFourSeeds() {
        List<LabelledText> zh = LabelledFiles.read(SharedData.require("sentiment/ChnSentiCorp_htl_all.csv"));
        List<LabelledText> en = LabelledFiles.read(SharedData.require("sentiment/imdb_labelled.txt"));
        for (long seed : new long[] {42, 1, 2, 3}) {
            LabelledFiles.Split z = LabelledFiles.split(zh, 0.2, seed);
            LabelledFiles.Split e = LabelledFiles.split(en, 0.2, seed);
            double zhAccuracy = SentimentClassifier.train(z.training()).evaluate(z.test()).accuracy();
            double enAccuracy = SentimentClassifier.train(e.training()).evaluate(e.test()).accuracy();
            System.out.printf("seed %d classifier accuracy: ChnSentiCorp=%.4f imdb=%.4f%n", seed, zhAccuracy, enAccuracy);
            assertThat(zhAccuracy).as("ChnSentiCorp seed " + seed).isGreaterThanOrEqualTo(0.885);
            assertThat(enAccuracy).as("imdb seed " + seed).isGreaterThanOrEqualTo(0.80);
        }
    }
}
