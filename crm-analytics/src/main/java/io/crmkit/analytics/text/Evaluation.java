package io.crmkit.analytics.text;

/**
 * How a model did on labelled texts. A neutral prediction counts as wrong.
 *
 * @param truePositives  positive texts called positive
 * @param trueNegatives  negative texts called negative
 * @param falsePositives negative texts called positive
 * @param falseNegatives positive texts not called positive
 * @param neutral        texts called neutral (counted among the wrong ones too)
 */
public record Evaluation(int truePositives, int trueNegatives, int falsePositives, int falseNegatives, int neutral) {
    /** Number of texts evaluated. */
    public int count() {
        return truePositives + trueNegatives + falsePositives + falseNegatives;
    }

    /** Share of texts classified correctly; {@code NaN} for none. */
    public double accuracy() {
        return count() == 0 ? Double.NaN : (double) (truePositives + trueNegatives) / count();
    }
}
