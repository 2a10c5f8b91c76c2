package io.crmkit.analytics.feedback;

import io.crmkit.analytics.text.CrmEntities;
import io.crmkit.analytics.text.Entity;
import io.crmkit.analytics.text.EntityType;
import io.crmkit.analytics.text.Sentiment;
import io.crmkit.analytics.text.SentimentModel;
import io.crmkit.core.Checks;
import io.crmkit.core.CrmServices;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.service.NewServiceCase;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseOrigin;
import io.crmkit.core.service.ServiceCaseQuery;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Priority;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Takes in a customer's feedback (a survey comment, an inbound email or chat text): analyses its sentiment and its
 * CRM entities, logs it on the customer's timeline as an inbound interaction whose outcome holds the analysis, and
 * when it is negative (score below {@link Builder#negativeBelow}) or names an order, opens a service case of type
 * {@link Builder#caseType} routed to the department of the first topic word it contains, or adds it to an open case
 * of the customer that names the same order. An order number that is the external id of one of the customer's
 * purchases links that purchase: it is in the result and, with product, amount and date, in a new case's
 * description. Everything goes through the services of the actor it was built with,
 * so access, audit and events apply as to any call. Thread-safe when its sentiment model is.
 *
 * <pre>{@code
 * FeedbackIntake intake = FeedbackIntake.builder(crm.as(agent)).sentiment(model)
 *         .route("发票", DepartmentRef.of("财务部")).defaultDepartment(DepartmentRef.of("客服部")).build();
 * FeedbackResult r = intake.receive(customer.id(), InteractionChannel.EMAIL, "订单 SO-2026-118 的发票还没收到，很失望");
 * }</pre>
 */
public final class FeedbackIntake {
    /** Longest feedback text taken, as an interaction's notes. */
    public static final int MAX_TEXT = Interaction.MAX_NOTES;
    private static final int SUBJECT_CHARS = 60;

    private final CrmServices crm;
    private final SentimentModel sentiment;
    private final CrmEntities entities;
    private final double negativeBelow;
    private final Map<String, DepartmentRef> topics;
    /** The topic words in the order they were added: the first found routes. */
    private final List<String> order;
    private final @Nullable DepartmentRef defaultDepartment;
    private final String caseType;

    private FeedbackIntake(Builder b) {
        this.crm = b.crm;
        this.sentiment = b.sentiment;
        this.entities = b.entities;
        this.negativeBelow = b.negativeBelow;
        this.topics = Map.copyOf(b.topics);
        this.defaultDepartment = b.defaultDepartment;
        this.caseType = b.caseType;
        this.order = List.copyOf(b.topics.keySet());
    }

    public static Builder builder(CrmServices crm) {
        return new Builder(crm);
    }

    /**
     * Takes in one text of {@code customer} that came in on {@code channel}.
     *
     * @throws io.crmkit.core.ValidationException on {@code text} if it is blank or longer than {@link #MAX_TEXT}
     */
    public FeedbackResult receive(CustomerId customer, InteractionChannel channel, String text) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(channel, "channel");
        Checks checks = new Checks();
        String checked = checks.multiline("text", Objects.requireNonNull(text, "text"), MAX_TEXT);
        checks.require(!text.isBlank(), "text", "required", "must not be blank");
        checks.throwIfAny();
        Objects.requireNonNull(checked, "text");
        Sentiment s = sentiment.analyze(checked);
        List<Entity> found = entities.find(checked, LocalDate.now(crm.clock()));
        List<String> orders = found.stream().filter(e -> e.type() == EntityType.ORDER_NUMBER).map(Entity::value)
                .distinct().toList();
        List<Purchase> purchases = purchasesOf(customer, orders);
        Interaction logged = crm.interactions().log(customer, Interaction.of(channel, Direction.INBOUND)
                .subject("Feedback: " + shorten(checked)).notes(checked).outcome(outcome(s, orders)));
        boolean negative = s.score() < negativeBelow;
        if (!negative && orders.isEmpty()) {
            return new FeedbackResult(logged, s, found, purchases, Optional.empty(), false);
        }
        Optional<ServiceCase> existing = orders.isEmpty() ? Optional.empty() : openCaseNaming(customer, orders);
        if (existing.isPresent()) {
            ServiceCase updated = crm.cases().linkInteraction(existing.get().id(), logged.id());
            return new FeedbackResult(logged, s, found, purchases, Optional.of(updated), false);
        }
        NewServiceCase form = NewServiceCase.of(customer, ServiceCaseOrigin.FEEDBACK, caseType, shorten(checked))
                .description(description(checked, s, orders, purchases))
                .priority(negative ? Priority.HIGH : Priority.NORMAL).interaction(logged.id());
        department(checked).ifPresent(d -> form.assignTo(Assignee.department(d)));
        return new FeedbackResult(logged, s, found, purchases, Optional.of(crm.cases().create(form)), true);
    }

    /**
     * The customer's purchases whose external id is one of the order numbers. A purchase of another customer, or
     * one the actor may not read, is not linked: feedback never reveals someone else's order.
     */
    private List<Purchase> purchasesOf(CustomerId customer, List<String> orders) {
        List<Purchase> out = new ArrayList<>();
        for (String order : orders) {
            crm.purchases().findByExternalId(order).filter(p -> p.customerId().equals(customer)).ifPresent(out::add);
        }
        return out;
    }

    /** The department of the first topic word in the text, or the default one. */
    Optional<DepartmentRef> department(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : order) {
            if (lower.contains(word)) {
                return Optional.of(Objects.requireNonNull(topics.get(word), "topic"));
            }
        }
        return Optional.ofNullable(defaultDepartment);
    }

    private Optional<ServiceCase> openCaseNaming(CustomerId customer, List<String> orders) {
        Page<ServiceCase> page = crm.cases().search(ServiceCaseQuery.all().customer(customer).openOnly(), PageRequest.first(100));
        while (true) {
            for (ServiceCase c : page.items()) {
                String said = c.subject() + "\n" + c.description().orElse("");
                if (orders.stream().anyMatch(said::contains)) {
                    return Optional.of(c);
                }
            }
            if (page.nextCursor().isEmpty()) {
                return Optional.empty();
            }
            page = crm.cases().search(ServiceCaseQuery.all().customer(customer).openOnly(),
                    PageRequest.after(page.nextCursor().get(), 100));
        }
    }

    private static String outcome(Sentiment s, List<String> orders) {
        String text = "sentiment " + s.polarity() + " " + String.format(Locale.ROOT, "%.2f", s.score())
                + (orders.isEmpty() ? "" : "; orders " + String.join(" ", orders));
        return text.length() <= Interaction.MAX_OUTCOME ? text : text.substring(0, Interaction.MAX_OUTCOME);
    }

    private static String description(String text, Sentiment s, List<String> orders, List<Purchase> purchases) {
        StringBuilder analysis = new StringBuilder("\n\n-- ").append(outcome(s, orders));
        for (Purchase p : purchases) {
            analysis.append("\n-- purchase ").append(p.externalId().orElse("")).append(": ")
                    .append(p.product().map(name -> name + ", ").orElse("")).append(p.quantity()).append(" x, ")
                    .append(p.amount().toPlainString()).append(' ').append(p.currency().getCurrencyCode())
                    .append(", ").append(p.occurredAt()).append(" (").append(p.id().value()).append(')');
        }
        int most = ServiceCase.MAX_DESCRIPTION / 2; // the customer's own words keep at least half
        String tail = analysis.length() <= most ? analysis.toString() : analysis.substring(0, most);
        int room = ServiceCase.MAX_DESCRIPTION - tail.length();
        return (text.length() <= room ? text : text.substring(0, room)) + tail;
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.codePointCount(0, line.length()) <= SUBJECT_CHARS ? line
                : line.substring(0, line.offsetByCodePoints(0, SUBJECT_CHARS)) + "…";
    }

    /** Configures a {@link FeedbackIntake}. Not thread-safe. */
    public static final class Builder {
        private final CrmServices crm;
        private SentimentModel sentiment = SentimentModel.builtIn();
        private CrmEntities entities = CrmEntities.standard();
        private double negativeBelow = -0.2;
        private final Map<String, DepartmentRef> topics = new LinkedHashMap<>();
        private @Nullable DepartmentRef defaultDepartment;
        private String caseType = "feedback";

        private Builder(CrmServices crm) {
            this.crm = Objects.requireNonNull(crm, "crm");
        }

        /** The sentiment model, such as a trained {@code SentimentClassifier}. Default: the built-in lexicon. */
        public Builder sentiment(SentimentModel model) {
            this.sentiment = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The entity finder (order patterns, products). Default: {@link CrmEntities#standard()}. */
        public Builder entities(CrmEntities finder) {
            this.entities = Objects.requireNonNull(finder, "finder");
            return this;
        }

        /** A score below this (-1 to 1) is negative feedback and opens a case. Default: -0.2. */
        public Builder negativeBelow(double score) {
            this.negativeBelow = score;
            return this;
        }

        /** A case whose text contains {@code word} (ignoring case) goes to {@code department}; the first added wins. */
        public Builder route(String word, DepartmentRef department) {
            topics.put(Objects.requireNonNull(word, "word").toLowerCase(Locale.ROOT), Objects.requireNonNull(department, "department"));
            return this;
        }

        /** The department of a case no topic word routes. Default: none (the case is left unassigned). */
        public Builder defaultDepartment(DepartmentRef department) {
            this.defaultDepartment = Objects.requireNonNull(department, "department");
            return this;
        }

        /** The type code of the cases it opens. Default: {@code feedback}. */
        public Builder caseType(String type) {
            this.caseType = Objects.requireNonNull(type, "type");
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every bad setting */
        public FeedbackIntake build() {
            Checks checks = new Checks();
            checks.require(negativeBelow >= -1 && negativeBelow <= 1, "negativeBelow", "range",
                    "must be between -1 and 1 but was " + negativeBelow);
            checks.require(!caseType.isBlank(), "caseType", "required", "must not be blank");
            for (String word : topics.keySet()) {
                checks.require(!word.isBlank(), "route", "blank_word", "a topic word must not be blank");
            }
            checks.throwIfAny();
            return new FeedbackIntake(this);
        }
    }
}
