package io.crmkit.core.sales;

import io.crmkit.core.Checks;
import io.crmkit.core.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A sales pipeline as data: a code, a name and its stages in order. Opportunities store the pipeline's code and
 * their stage's code; pipelines themselves are configuration ({@link SalesSettings}), not stored. Immutable and
 * thread-safe.
 *
 * <p>A valid pipeline has 2 to {@value #MAX_STAGES} stages with unique codes, probabilities from 0 to 1, at least one
 * open stage, exactly one {@link ForecastCategory#CLOSED_WON} stage (probability 1) and at least one {@link
 * ForecastCategory#CLOSED_LOST} stage (probability 0). {@link Builder#build()} reports every broken rule in one
 * {@link ValidationException}.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.builder("projects", "项目销售")
 *     .stage(Stage.of("lead", "线索", 0.1, ForecastCategory.PIPELINE).staleAfter(10))
 *     .stage(Stage.of("quote", "报价", 0.5, ForecastCategory.BEST_CASE))
 *     .stage(Stage.of("won", "赢单", 1, ForecastCategory.CLOSED_WON))
 *     .stage(Stage.of("lost", "输单", 0, ForecastCategory.CLOSED_LOST))
 *     .build();
 * }</pre>
 */
public final class Pipeline {
    /** Longest code of a pipeline or stage. */
    public static final int MAX_CODE = 40;
    /** Longest name of a pipeline or stage, in characters. */
    public static final int MAX_NAME = 100;
    /** Most stages of a pipeline. */
    public static final int MAX_STAGES = 50;
    /** Longest staleness limit of a stage, in working days. */
    public static final int MAX_STALE_DAYS = 3650;
    /** The code of {@link #DEFAULT}. */
    public static final String DEFAULT_CODE = "default";
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0," + (MAX_CODE - 1) + "}");

    /**
     * The default pipeline: qualification (0.1, pipeline), needs analysis (0.2, pipeline), proposal (0.4, best
     * case), negotiation (0.6, commit), closed won (1.0) and closed lost (0.0); open stages are stale after 10
     * working days (qualification and needs analysis after 15).
     */
    public static final Pipeline DEFAULT = builder(DEFAULT_CODE, "Sales")
            .stage(Stage.of("qualification", "Qualification", 0.1, ForecastCategory.PIPELINE).staleAfter(15))
            .stage(Stage.of("needs_analysis", "Needs analysis", 0.2, ForecastCategory.PIPELINE).staleAfter(15))
            .stage(Stage.of("proposal", "Proposal", 0.4, ForecastCategory.BEST_CASE).staleAfter(10))
            .stage(Stage.of("negotiation", "Negotiation", 0.6, ForecastCategory.COMMIT).staleAfter(10))
            .stage(Stage.of("closed_won", "Closed won", 1, ForecastCategory.CLOSED_WON))
            .stage(Stage.of("closed_lost", "Closed lost", 0, ForecastCategory.CLOSED_LOST))
            .build();

    private final String code;
    private final String name;
    private final List<Stage> stages;

    private Pipeline(String code, String name, List<Stage> stages) {
        this.code = code;
        this.name = name;
        this.stages = List.copyOf(stages);
    }

    /** Starts a pipeline; {@code code} follows the rule of stage codes. */
    public static Builder builder(String code, String name) {
        return new Builder(code, name);
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    /** The stages in order. */
    public List<Stage> stages() {
        return stages;
    }

    /** The stage with this code, if the pipeline has one. */
    public Optional<Stage> stage(String stageCode) {
        Objects.requireNonNull(stageCode, "stageCode");
        return stages.stream().filter(s -> s.code().equals(stageCode)).findFirst();
    }

    /**
     * The stage with this code.
     *
     * @throws ValidationException on field {@code stageCode} if the pipeline has none
     */
    public Stage requireStage(String stageCode) {
        return stage(stageCode).orElseThrow(() -> ValidationException.of("stageCode", "unknown_stage",
                "pipeline " + code + " has no stage " + stageCode));
    }

    /** The first open stage: where new opportunities start. */
    public Stage first() {
        return stages.stream().filter(s -> !s.isClosed()).findFirst().orElseThrow();
    }

    /** The one won stage. */
    public Stage won() {
        return stages.stream().filter(s -> s.category() == ForecastCategory.CLOSED_WON).findFirst().orElseThrow();
    }

    /** The first lost stage. */
    public Stage lost() {
        return stages.stream().filter(s -> s.category() == ForecastCategory.CLOSED_LOST).findFirst().orElseThrow();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pipeline p && p.code.equals(code) && p.name.equals(name) && p.stages.equals(stages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, name, stages);
    }

    @Override
    public String toString() {
        return "Pipeline[" + code + ", " + stages.stream().map(Stage::code).toList() + "]";
    }

    /** Collects the stages in order; {@link #build()} checks them all. Not thread-safe. */
    public static final class Builder {
        private final String code;
        private final String name;
        private final List<Stage> stages = new ArrayList<>();

        private Builder(String code, String name) {
            this.code = Objects.requireNonNull(code, "code");
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Appends a stage. */
        public Builder stage(Stage stage) {
            stages.add(Objects.requireNonNull(stage, "stage"));
            return this;
        }

        /** @throws ValidationException naming every broken rule, such as {@code stages[2].probability} */
        public Pipeline build() {
            Checks checks = new Checks();
            checks.require(isCode(code), "code", "format", codeRule());
            String n = checks.required("name", name, MAX_NAME);
            checks.require(stages.size() >= 2 && stages.size() <= MAX_STAGES, "stages", "count",
                    "must be 2 to " + MAX_STAGES + " stages but are " + stages.size());
            Set<String> codes = new HashSet<>();
            int won = 0;
            int lost = 0;
            int open = 0;
            for (int i = 0; i < stages.size(); i++) {
                Stage s = stages.get(i);
                String field = "stages[" + i + "]";
                if (checks.require(isCode(s.code()), field + ".code", "format", codeRule())) {
                    checks.require(codes.add(s.code()), field + ".code", "duplicate", "repeats the code " + s.code());
                }
                checks.required(field + ".name", s.name(), MAX_NAME);
                BigDecimal p = s.probability();
                checks.require(p.signum() >= 0 && p.compareTo(BigDecimal.ONE) <= 0, field + ".probability", "range",
                        "must be between 0 and 1");
                checks.require(p.scale() <= Stage.PROBABILITY_SCALE, field + ".probability", "scale",
                        "must have at most " + Stage.PROBABILITY_SCALE + " decimals");
                checks.require(s.staleAfterWorkingDays() >= 0 && s.staleAfterWorkingDays() <= MAX_STALE_DAYS,
                        field + ".staleAfterWorkingDays", "range", "must be between 0 and " + MAX_STALE_DAYS);
                switch (s.category()) {
                    case CLOSED_WON -> {
                        won++;
                        checks.require(p.compareTo(BigDecimal.ONE) == 0, field + ".probability", "won_not_certain",
                                "of the won stage must be 1");
                    }
                    case CLOSED_LOST -> {
                        lost++;
                        checks.require(p.signum() == 0, field + ".probability", "lost_not_zero",
                                "of a lost stage must be 0");
                    }
                    default -> open++;
                }
            }
            checks.require(won == 1, "stages", "won_stage", "must have exactly one CLOSED_WON stage but have " + won);
            checks.require(lost >= 1, "stages", "lost_stage", "must have at least one CLOSED_LOST stage");
            checks.require(open >= 1, "stages", "open_stage", "must have at least one open stage");
            checks.throwIfAny();
            return new Pipeline(code, Objects.requireNonNull(n, "name"), stages); // n is null only with a violation
        }

        private static boolean isCode(String code) {
            return CODE.matcher(code).matches();
        }

        private static String codeRule() {
            return "must be 1 to " + MAX_CODE + " lower-case letters, digits, _ or -, starting with a letter or digit";
        }
    }
}
