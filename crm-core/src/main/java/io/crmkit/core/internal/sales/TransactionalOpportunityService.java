package io.crmkit.core.internal.sales;

import io.crmkit.core.Checks;
import io.crmkit.core.ConflictException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.calendar.WorkCalendar;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.sales.Calibration;
import io.crmkit.core.sales.Forecast;
import io.crmkit.core.sales.ForecastCategory;
import io.crmkit.core.sales.ForecastComparison;
import io.crmkit.core.sales.ForecastQuery;
import io.crmkit.core.sales.ForecastRow;
import io.crmkit.core.sales.ForecastSnapshot;
import io.crmkit.core.sales.NewOpportunity;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.sales.OpportunityEdit;
import io.crmkit.core.sales.OpportunityEvent;
import io.crmkit.core.sales.OpportunityId;
import io.crmkit.core.sales.OpportunityQuery;
import io.crmkit.core.sales.OpportunityService;
import io.crmkit.core.sales.Pipeline;
import io.crmkit.core.sales.Stage;
import io.crmkit.core.sales.StageCalibration;
import io.crmkit.core.sales.StageChange;
import io.crmkit.core.sales.StageOutcome;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** Opportunities through their pipelines, each call one transaction, checked by the acting user's {@link Guard}. */
public final class TransactionalOpportunityService implements OpportunityService {
    /** Earliest and latest year of an expected close date. */
    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 9999;
    /** Decimals of the sums of a forecast. */
    static final int FORECAST_SCALE = 4;

    private final Engine engine;
    private final Actor actor;
    private final Guard guard;
    private final ForecastSnapshots snapshots;

    public TransactionalOpportunityService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
        this.snapshots = new ForecastSnapshots(engine, guard);
    }

    private SalesConfig config() {
        return engine.component(SalesConfig.class);
    }

    /** The validated fields shared by the creation and the edit forms. */
    private record Fields(String name, BigDecimal amount, Currency currency, LocalDate expectedClose) {
    }

    private static @Nullable Fields fields(Checks checks, @Nullable String name, @Nullable BigDecimal amount,
                                           @Nullable String currency, @Nullable LocalDate expectedClose) {
        String n = checks.required("name", name, Opportunity.MAX_NAME);
        BigDecimal a = checks.amount("amount", amount, Opportunity.MAX_SCALE, Opportunity.MAX_INTEGER_DIGITS);
        if (a != null && a.scale() > Opportunity.MAX_SCALE) { // trailing zeros beyond the decimals kept: 1.500000 is 1.5000
            a = a.setScale(Opportunity.MAX_SCALE, RoundingMode.UNNECESSARY);
        }
        Currency c = checks.currency("currency", currency);
        if (expectedClose == null) {
            checks.add("expectedClose", "required", "must be given");
        } else {
            checks.require(expectedClose.getYear() >= MIN_YEAR && expectedClose.getYear() <= MAX_YEAR, "expectedClose",
                    "range", "must be in the years " + MIN_YEAR + " to " + MAX_YEAR);
        }
        return n == null || a == null || c == null || expectedClose == null ? null : new Fields(n, a, c, expectedClose);
    }

    @Override
    public Opportunity create(NewOpportunity in) {
        Objects.requireNonNull(in, "opportunity");
        Checks checks = new Checks();
        Fields f = fields(checks, in.name(), in.amount(), in.currency(), in.expectedClose());
        Pipeline pipeline = in.pipeline().isPresent() ? checks.value("pipeline", () -> config().requirePipeline(in.pipeline().get()))
                : config().defaultPipeline();
        Stage stage = null;
        if (pipeline != null) {
            stage = in.stage().isPresent() ? checks.value("stageCode", () -> pipeline.requireStage(in.stage().get())) : pipeline.first();
            if (stage != null && stage.isClosed()) {
                checks.add("stageCode", "closed_stage", "a new opportunity starts in an open stage, not " + stage.code());
            }
        }
        checks.throwIfAny();
        Fields fields = Objects.requireNonNull(f, "fields"); // null only with a violation
        Stage start = Objects.requireNonNull(stage, "stage"); // null only with a violation
        UserRef owner = in.owner().orElse(actor.user());
        return engine.write(tx -> {
            guard.require(tx.repos(), in.customerId(), RecordKind.CUSTOMER, Action.READ);
            guard.requireCreate(RecordKind.OPPORTUNITY, Optional.of(owner), in.department(), "an opportunity");
            OpportunityId id = new OpportunityId(Ids.uuid7(engine.clock()));
            StageChange created = new StageChange(Optional.empty(), start.code(), actor.user(), tx.now(), start.probability(),
                    fields.amount(), fields.currency(), Optional.empty());
            Opportunity o = new Opportunity(id, in.customerId(), fields.name(), fields.amount(), fields.currency(),
                    fields.expectedClose(), Objects.requireNonNull(pipeline).code(), start.code(), start.probability(),
                    start.category(), owner, in.department(), in.sourceCampaign(), Optional.empty(), tx.now(), tx.now(),
                    tx.now(), 1, List.of(created));
            tx.repos().opportunities().insert(o);
            OpportunityChanges.record(tx, actor.user(), AuditAction.CREATE, null, o);
            tx.raise(new OpportunityEvent.Created(id, in.customerId(), tx.now(), actor.user()));
            return o;
        });
    }

    @Override
    public Optional<Opportunity> get(OpportunityId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> repos.opportunities().findById(id).filter(o -> guard.permits(repos, o, Action.READ)));
    }

    @Override
    public Opportunity update(OpportunityEdit edit) {
        Objects.requireNonNull(edit, "edit");
        Checks checks = new Checks();
        Fields f = fields(checks, edit.name(), edit.amount(), edit.currency(), edit.expectedClose());
        checks.throwIfAny();
        Fields fields = Objects.requireNonNull(f, "fields"); // null only with a violation
        return change(edit.id(), AuditAction.UPDATE, (current, tx) -> {
            if (current.version() != edit.baseVersion()) {
                throw new ConflictException("opportunity " + edit.id() + " was changed by someone else (version "
                        + current.version() + ", edit based on " + edit.baseVersion() + "); reload and retry");
            }
            Opportunity changed = current.edit(fields.name(), fields.amount(), fields.currency(), fields.expectedClose(),
                    edit.owner(), edit.department(), edit.sourceCampaign(), tx.now());
            if (!guard.permits(tx.repos(), changed, Action.EDIT)) {
                throw guard.denied(Action.EDIT, RecordKind.OPPORTUNITY, "opportunity " + edit.id()
                        + " so that it leaves their reach (owner " + changed.owner().id() + ")");
            }
            tx.raise(new OpportunityEvent.Updated(changed.id(), changed.version(), tx.now(), actor.user()));
            return changed;
        });
    }

    @Override
    public Opportunity moveTo(OpportunityId id, String stageCode, @Nullable String comment) {
        Objects.requireNonNull(stageCode, "stageCode");
        String c = Checks.optionalMultiline("comment", comment, Opportunity.MAX_COMMENT);
        return move(id, pipeline -> pipeline.requireStage(stageCode), c);
    }

    @Override
    public Opportunity win(OpportunityId id, @Nullable String comment) {
        String c = Checks.optionalMultiline("comment", comment, Opportunity.MAX_COMMENT);
        return move(id, Pipeline::won, c);
    }

    @Override
    public Opportunity lose(OpportunityId id, String reason) {
        String r = Checks.optionalMultiline("lostReason", reason, Opportunity.MAX_COMMENT);
        return move(id, Pipeline::lost, r);
    }

    private Opportunity move(OpportunityId id, java.util.function.Function<Pipeline, Stage> target, @Nullable String comment) {
        return change(id, AuditAction.TRANSITION, (current, tx) -> {
            Stage to = target.apply(config().pipelineOf(current.pipelineCode(), "opportunity " + id));
            Opportunity moved = current.moveTo(to, actor.user(), tx.now(), Optional.ofNullable(comment));
            tx.raise(new OpportunityEvent.StageChanged(id, current.stageCode(), to.code(), tx.now(), actor.user()));
            if (to.category() == ForecastCategory.CLOSED_WON) {
                tx.raise(new OpportunityEvent.Won(id, tx.now(), actor.user()));
            } else if (to.category() == ForecastCategory.CLOSED_LOST) {
                tx.raise(new OpportunityEvent.Lost(id, tx.now(), actor.user()));
            }
            return moved;
        });
    }

    @Override
    public Opportunity recordActivity(OpportunityId id) {
        return change(id, AuditAction.UPDATE, (current, tx) -> {
            Opportunity touched = current.touch(tx.now());
            tx.raise(new OpportunityEvent.Updated(id, touched.version(), tx.now(), actor.user()));
            return touched;
        });
    }

    private Opportunity change(OpportunityId id, AuditAction action, BiFunction<Opportunity, Engine.Tx, Opportunity> change) {
        Objects.requireNonNull(id, "id");
        return engine.change(r -> guard.require(r, r.opportunities().require(id), Action.EDIT), change,
                (r, changed) -> r.opportunities().update(changed),
                (tx, before, after) -> OpportunityChanges.record(tx, actor.user(), action, before, after));
    }

    @Override
    public Page<Opportunity> search(OpportunityQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        AccessScope scope = guard.scope(RecordKind.OPPORTUNITY, Action.READ);
        return scope.isNothing() ? Page.last(List.of()) : engine.read(repos -> repos.opportunities().search(query, scope, page));
    }

    @Override
    public Page<Opportunity> ofCustomer(CustomerId customer, PageRequest page) {
        Objects.requireNonNull(customer, "customer");
        return search(OpportunityQuery.all().customer(customer), page);
    }

    @Override
    public Forecast forecast(ForecastQuery query) {
        Objects.requireNonNull(query, "query");
        AccessScope scope = guard.scope(RecordKind.OPPORTUNITY, Action.READ);
        List<ForecastRow> months = scope.isNothing() ? List.of()
                : engine.read(repos -> repos.opportunities().forecastByMonth(query, scope));
        return new Forecast(query, fold(query, months));
    }

    /** Adds the monthly rows up into the query's periods and rounds the sums to {@value #FORECAST_SCALE} decimals. */
    static List<ForecastRow> fold(ForecastQuery query, List<ForecastRow> months) {
        Map<List<Object>, ForecastRow> sums = new LinkedHashMap<>();
        for (ForecastRow m : months) {
            LocalDate period = query.period().start(m.period());
            ForecastRow r = new ForecastRow(period, m.owner(), m.department(), m.category(), m.currency(), m.count(),
                    m.amount(), m.weighted());
            sums.merge(List.of(period, m.owner(), m.department(), m.category(), m.currency()), r,
                    (a, b) -> new ForecastRow(a.period(), a.owner(), a.department(), a.category(), a.currency(),
                            a.count() + b.count(), a.amount().add(b.amount()), a.weighted().add(b.weighted())));
        }
        return sums.values().stream().map(r -> new ForecastRow(r.period(), r.owner(), r.department(), r.category(),
                r.currency(), r.count(), r.amount().setScale(FORECAST_SCALE, RoundingMode.HALF_EVEN),
                r.weighted().setScale(FORECAST_SCALE, RoundingMode.HALF_EVEN))).toList();
    }

    @Override
    public Page<Opportunity> stale(String pipelineCode, WorkCalendar calendar, PageRequest page) {
        Objects.requireNonNull(pipelineCode, "pipelineCode");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(page, "page");
        Pipeline pipeline = config().requirePipeline(pipelineCode);
        LocalDate today = LocalDate.ofInstant(engine.clock().instant(), calendar.zone());
        Map<String, Instant> idleBefore = new LinkedHashMap<>();
        for (Stage stage : pipeline.stages()) {
            if (!stage.isClosed() && stage.staleAfterWorkingDays() > 0) {
                idleBefore.put(stage.code(), staleBefore(calendar, today, stage.staleAfterWorkingDays())
                        .atStartOfDay(calendar.zone()).toInstant());
            }
        }
        if (idleBefore.isEmpty()) {
            return Page.last(List.of());
        }
        return search(OpportunityQuery.all().pipeline(pipelineCode).idleBefore(idleBefore), page);
    }

    /**
     * The first day whose activity is not stale: an activity on day {@code d} is stale when more than {@code limit}
     * working days lie after {@code d} up to {@code today}; walking back from today, the first day past that many
     * working days is the latest stale one.
     */
    static LocalDate staleBefore(WorkCalendar calendar, LocalDate today, int limit) {
        LocalDate day = today;
        int working = 0;
        while (working <= limit) { // working = the working days in (day, today]
            if (calendar.isWorkingDay(day)) {
                working++;
            }
            day = day.minusDays(1);
        }
        return day.plusDays(1);
    }

    @Override
    public ForecastSnapshot snapshotForecast() {
        return snapshots.take();
    }

    @Override
    public Optional<ForecastSnapshot> snapshot(LocalDate date, ForecastQuery query) {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(query, "query");
        return snapshots.read(date, query);
    }

    @Override
    public List<LocalDate> snapshotWeeks(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return snapshots.weeks(from, to);
    }

    @Override
    public List<ForecastComparison> forecastVsActual(LocalDate date, ForecastQuery query) {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(query, "query");
        return snapshots.compare(date, query, q -> forecast(q).byCategory());
    }

    @Override
    public Calibration calibration(String pipelineCode) {
        Objects.requireNonNull(pipelineCode, "pipelineCode");
        Pipeline pipeline = config().requirePipeline(pipelineCode);
        double k = config().priorWeight();
        List<Stage> open = pipeline.stages().stream().filter(s -> !s.isClosed()).toList();
        AccessScope scope = guard.scope(RecordKind.OPPORTUNITY, Action.READ);
        java.util.Set<String> codes = open.stream().map(Stage::code).collect(java.util.stream.Collectors.toSet());
        List<StageOutcome> outcomes = scope.isNothing() ? List.of()
                : engine.read(repos -> repos.opportunities().stageOutcomes(pipeline.code(), codes, scope));
        Map<String, StageOutcome> byStage = new LinkedHashMap<>();
        outcomes.forEach(o -> byStage.put(o.stageCode(), o));
        List<StageCalibration> stages = open.stream().map(s -> StageCalibration.of(s,
                byStage.getOrDefault(s.code(), new StageOutcome(s.code(), 0, 0, 0, 0)), k)).toList();
        long forecasts = stages.stream().mapToLong(StageCalibration::forecasts).sum();
        double squared = outcomes.stream().filter(o -> codes.contains(o.stageCode())).mapToDouble(StageOutcome::squaredErrors).sum();
        return new Calibration(pipeline.code(), k, stages,
                forecasts == 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(squared / forecasts));
    }

    @Override
    public List<Pipeline> pipelines() {
        return config().pipelines();
    }
}
