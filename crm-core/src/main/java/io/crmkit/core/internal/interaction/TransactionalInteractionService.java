package io.crmkit.core.internal.interaction;

import io.crmkit.core.Checks;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionEvent;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.interaction.InteractionService;
import io.crmkit.core.interaction.NewInteraction;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

public final class TransactionalInteractionService implements InteractionService {
    private final Engine engine;
    private final Actor actor;
    private final Guard guard;

    public TransactionalInteractionService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
    }

    @Override
    public Interaction log(CustomerId customer, NewInteraction in) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(in, "interaction");
        Checks checks = new Checks();
        String subject = checks.optional("subject", in.subject().orElse(null), Interaction.MAX_SUBJECT);
        String notes = checks.multiline("notes", in.notes().orElse(null), Interaction.MAX_NOTES);
        String outcome = checks.optional("outcome", in.outcome().orElse(null), Interaction.MAX_OUTCOME);
        in.duration().ifPresent(d -> checks.require(!d.isNegative() && d.compareTo(Interaction.MAX_DURATION) <= 0, "duration",
                "range", "must be between 0 and 7 days"));
        checks.throwIfAny();
        return engine.write(tx -> {
            guard.require(tx.repos(), customer, RecordKind.INTERACTION, Action.CREATE);
            Interaction interaction = new Interaction(new InteractionId(Ids.uuid7(engine.clock())), customer,
                    in.channel(), in.direction(), Optional.ofNullable(subject), Optional.ofNullable(notes),
                    in.occurredAt().orElse(tx.now()), in.duration(), actor.user(), Optional.ofNullable(outcome),
                    in.links(), tx.now());
            tx.repos().interactions().insert(interaction);
            InteractionChanges.created(tx, actor.user(), interaction);
            tx.raise(new InteractionEvent.Logged(interaction.id(), customer, interaction.channel(), tx.now(), actor.user()));
            return interaction;
        });
    }

    @Override
    public Optional<Interaction> get(InteractionId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> repos.interactions().findById(id)
                .filter(i -> guard.permits(repos, i.customerId(), RecordKind.INTERACTION, Action.READ)));
    }

    @Override
    public Page<Interaction> timeline(CustomerId customer, TimelineQuery query, PageRequest page) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        return engine.read(repos -> guard.permits(repos, customer, RecordKind.INTERACTION, Action.READ)
                ? repos.interactions().timeline(customer, query, page) : Page.last(List.of()));
    }
}
