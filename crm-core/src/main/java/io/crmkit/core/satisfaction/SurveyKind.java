package io.crmkit.core.satisfaction;

/** The survey question types, each with its scale. */
public enum SurveyKind {
    /** Customer satisfaction, 1 (very unsatisfied) to 5 (very satisfied). */
    CSAT(1, 5),
    /** Net promoter score question, 0 to 10 (how likely to recommend). */
    NPS(0, 10),
    /** Customer effort score, 1 (very easy) to 7 (very hard). */
    CES(1, 7);

    private final int min;
    private final int max;

    SurveyKind(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public boolean accepts(int score) {
        return score >= min && score <= max;
    }
}
