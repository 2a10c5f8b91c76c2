package io.crmkit.core.policy;

import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.task.Assignee;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A policy to create, or the new fields of one to update:
 *
 * <pre>{@code
 * NewPolicy.named("VIP 季度回访").goal("了解满意度").segment(CustomerQuery.all().tag("vip"))
 *         .method(ContactMethod.CALL).cadence(Cadence.everyDays(90))
 *         .owner(Assignee.department(DepartmentRef.of("客服部"))).activeFrom(LocalDate.of(2026, 1, 1));
 * }</pre>
 *
 * The channel defaults to the method's ({@link ContactMethod#defaultChannel()}); the segment to every customer; the
 * owner to the acting user; the start to today. Message methods need a template. Not thread-safe.
 */
public final class NewPolicy {
    private @Nullable String name;
    private @Nullable String goal;
    private CustomerQuery segment = CustomerQuery.all();
    private @Nullable ContactMethod method;
    private @Nullable ContactChannel channel;
    private @Nullable Cadence cadence;
    private @Nullable Assignee owner;
    private @Nullable LocalDate activeFrom;
    private @Nullable LocalDate activeTo;
    private @Nullable MessageTemplate template;
    private int responseWindowDays = CommunicationPolicy.DEFAULT_RESPONSE_DAYS;

    private NewPolicy(@Nullable String name) {
        this.name = name;
    }

    public static NewPolicy named(@Nullable String name) {
        return new NewPolicy(name);
    }

    /** A form holding the fields of {@code p}, to change some and pass to {@link PolicyService#update}. */
    public static NewPolicy from(CommunicationPolicy p) {
        NewPolicy f = new NewPolicy(p.name()).goal(p.goal()).segment(p.segment()).method(p.method()).cadence(p.cadence())
                .owner(p.owner()).activeFrom(p.activeFrom()).responseWindowDays(p.responseWindowDays());
        p.channel().ifPresent(f::channel);
        p.activeTo().ifPresent(f::activeTo);
        p.template().ifPresent(f::template);
        return f;
    }

    public NewPolicy name(@Nullable String name) { this.name = name; return this; }
    public NewPolicy goal(@Nullable String goal) { this.goal = goal; return this; }
    public NewPolicy segment(CustomerQuery segment) { this.segment = Objects.requireNonNull(segment, "segment"); return this; }
    public NewPolicy method(ContactMethod method) { this.method = Objects.requireNonNull(method, "method"); return this; }
    public NewPolicy channel(ContactChannel channel) { this.channel = Objects.requireNonNull(channel, "channel"); return this; }
    public NewPolicy cadence(Cadence cadence) { this.cadence = Objects.requireNonNull(cadence, "cadence"); return this; }
    public NewPolicy owner(Assignee owner) { this.owner = Objects.requireNonNull(owner, "owner"); return this; }
    public NewPolicy activeFrom(LocalDate from) { this.activeFrom = Objects.requireNonNull(from, "from"); return this; }
    public NewPolicy activeTo(@Nullable LocalDate to) { this.activeTo = to; return this; }
    public NewPolicy template(@Nullable MessageTemplate template) { this.template = template; return this; }
    public NewPolicy responseWindowDays(int days) { this.responseWindowDays = days; return this; }

    public @Nullable String name() { return name; }
    public Optional<String> goal() { return Optional.ofNullable(goal); }
    public CustomerQuery segment() { return segment; }
    public Optional<ContactMethod> method() { return Optional.ofNullable(method); }
    public Optional<ContactChannel> channel() { return Optional.ofNullable(channel); }
    public Optional<Cadence> cadence() { return Optional.ofNullable(cadence); }
    public Optional<Assignee> owner() { return Optional.ofNullable(owner); }
    public Optional<LocalDate> activeFrom() { return Optional.ofNullable(activeFrom); }
    public Optional<LocalDate> activeTo() { return Optional.ofNullable(activeTo); }
    public Optional<MessageTemplate> template() { return Optional.ofNullable(template); }
    public int responseWindowDays() { return responseWindowDays; }
}
