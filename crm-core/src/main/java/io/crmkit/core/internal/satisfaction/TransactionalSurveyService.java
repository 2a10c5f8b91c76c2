package io.crmkit.core.internal.satisfaction;

import io.crmkit.core.Checks;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.satisfaction.NewSurveyResponse;
import io.crmkit.core.satisfaction.SurveyEvent;
import io.crmkit.core.satisfaction.SurveyQuery;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.satisfaction.SurveyResponseId;
import io.crmkit.core.satisfaction.SurveyService;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

public final class TransactionalSurveyService implements SurveyService {
    static final int MAX_TOUCHPOINT = 100;

    private final Engine engine;
    private final Actor actor;
    private final Guard guard;

    public TransactionalSurveyService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
    }

    @Override
    public SurveyResponse record(NewSurveyResponse in) {
        Objects.requireNonNull(in, "response");
        Checks checks = new Checks();
        checks.require(in.kind().accepts(in.score()), "score", "range", "must be between " + in.kind().min() + " and "
                + in.kind().max() + " for " + in.kind() + " but was " + in.score());
        String comment = checks.multiline("comment", in.comment().orElse(null), SurveyResponse.MAX_COMMENT);
        String touchpoint = checks.optional("touchpoint", in.touchpoint().orElse(null), MAX_TOUCHPOINT);
        checks.throwIfAny();
        return engine.write(tx -> {
            guard.require(tx.repos(), in.customerId(), RecordKind.SURVEY, Action.CREATE);
            SurveyResponse r = new SurveyResponse(new SurveyResponseId(Ids.uuid7(engine.clock())), in.customerId(),
                    in.kind(), in.score(), Optional.ofNullable(comment), Optional.ofNullable(touchpoint), in.channel(),
                    in.respondedAt().orElse(tx.now()));
            tx.repos().surveys().insert(r);
            SurveyChanges.created(tx, actor.user(), r);
            tx.raise(new SurveyEvent.Recorded(r.id(), r.customerId(), r.kind(), r.score(), tx.now(), actor.user()));
            return r;
        });
    }

    @Override
    public Optional<SurveyResponse> get(SurveyResponseId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> repos.surveys().findById(id)
                .filter(r -> guard.permits(repos, r.customerId(), RecordKind.SURVEY, Action.READ)));
    }

    @Override
    public Page<SurveyResponse> search(SurveyQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        AccessScope scope = guard.scope(RecordKind.SURVEY, Action.READ);
        return scope.isNothing() ? Page.last(List.of()) : engine.read(repos -> repos.surveys().search(query, scope, page));
    }
}
