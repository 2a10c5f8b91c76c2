package io.crmkit.core.dedup;

import io.crmkit.core.Checks;

/**
 * What {@link DuplicateService#find} looks for. Start with {@link #all()}.
 *
 * @param minScore        the lowest score proposed, 0 to 1
 * @param nameSimilarity  the lowest name similarity that counts as {@link MatchReason#NAME}, 0 to 1
 * @param limit           most candidates {@link DuplicateService#find} returns, the best first
 * @param includeArchived whether archived customers (merged ones among them) take part
 */
public record DuplicateQuery(double minScore, double nameSimilarity, int limit, boolean includeArchived) {
    /** The default lowest score: a shared email, phone or reference passes it, a similar name alone does not. */
    public static final double DEFAULT_MIN_SCORE = 0.5;
    /** The default lowest name similarity for {@link MatchReason#NAME}. */
    public static final double DEFAULT_NAME_SIMILARITY = 0.88;
    public static final int DEFAULT_LIMIT = 1_000;
    /** Most candidates one {@link DuplicateService#find} returns; {@link DuplicateService#scan} has no limit. */
    public static final int MAX_LIMIT = 100_000;

    /** @throws io.crmkit.core.ValidationException naming every value out of range */
    public DuplicateQuery {
        Checks checks = new Checks();
        checks.require(minScore >= 0 && minScore <= 1, "minScore", "range", "must be between 0 and 1: " + minScore);
        checks.require(nameSimilarity >= 0 && nameSimilarity <= 1, "nameSimilarity", "range",
                "must be between 0 and 1: " + nameSimilarity);
        checks.require(limit >= 1 && limit <= MAX_LIMIT, "limit", "range", "must be 1 to " + MAX_LIMIT + ": " + limit);
        checks.throwIfAny();
    }

    /** Every candidate at the default minimum score, up to {@link #DEFAULT_LIMIT}, archived customers left out. */
    public static DuplicateQuery all() {
        return new DuplicateQuery(DEFAULT_MIN_SCORE, DEFAULT_NAME_SIMILARITY, DEFAULT_LIMIT, false);
    }

    public DuplicateQuery minScore(double min) {
        return new DuplicateQuery(min, nameSimilarity, limit, includeArchived);
    }

    public DuplicateQuery nameSimilarity(double min) {
        return new DuplicateQuery(minScore, min, limit, includeArchived);
    }

    public DuplicateQuery limit(int max) {
        return new DuplicateQuery(minScore, nameSimilarity, max, includeArchived);
    }

    public DuplicateQuery includeArchived(boolean include) {
        return new DuplicateQuery(minScore, nameSimilarity, limit, include);
    }
}
