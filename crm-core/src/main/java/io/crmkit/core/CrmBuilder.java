package io.crmkit.core;

import io.crmkit.core.event.DomainEventListener;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.MessagingConfig;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.QuietHours;
import io.crmkit.core.messaging.RetryPolicy;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.requirement.RequirementStatus;
import io.crmkit.core.security.Actor;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.task.TaskStatus;
import io.crmkit.core.workflow.Workflow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link Crm}. Storage is required; everything else has a default. Not thread-safe;
 * {@link #build()} fails fast on a bad configuration.
 */
public final class CrmBuilder {
    private @Nullable CrmStorage storage;
    private Clock clock = Clock.systemUTC();
    private Actor defaultActor = Actor.SYSTEM;
    private String defaultRegion = "CN";
    private Workflow<RequirementStatus> requirementWorkflow = RequirementStatus.DEFAULT_WORKFLOW;
    private Workflow<TaskStatus> taskWorkflow = TaskStatus.DEFAULT_WORKFLOW;
    private final List<DomainEventListener> listeners = new ArrayList<>();
    private final Map<ChannelKind, MessageChannel> channels = new EnumMap<>(ChannelKind.class);
    private @Nullable QuietHours quietHours;
    private Set<ChannelKind> quietKinds = EnumSet.noneOf(ChannelKind.class);
    private ZoneId defaultZone = ZoneOffset.UTC;
    private final Map<ChannelKind, Duration> rateWindows = new EnumMap<>(ChannelKind.class);
    private final Map<ChannelKind, Integer> ratePermits = new EnumMap<>(ChannelKind.class);
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private @Nullable Duration backgroundInterval;
    private int dispatchBatchSize = 50;
    private Duration lease = Duration.ofMinutes(5);
    private Duration shutdownWait = Duration.ofSeconds(30);

    CrmBuilder() {
    }

    /** Where data lives: {@code InMemoryStorage.create()}, {@code JdbcStorage.embedded(path)}, ... */
    public CrmBuilder storage(CrmStorage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
        return this;
    }

    /** The clock for every timestamp; inject a fixed one in tests. Default: system UTC. */
    public CrmBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Who calls act as without {@link Crm#as(Actor)}. Default: {@link Actor#SYSTEM}. */
    public CrmBuilder defaultActor(Actor actor) {
        this.defaultActor = Objects.requireNonNull(actor, "actor");
        return this;
    }

    /**
     * The region (ISO 3166 alpha-2, any case) whose national phone numbers are understood without a country
     * code, wherever crmkit parses a typed number (customers, phone searches, message addresses). Default: CN,
     * so {@code 13800138000} becomes {@code +8613800138000}.
     *
     * @throws IllegalArgumentException if libphonenumber has no numbering plan for the region
     *                                  ({@link PhoneNumber#knowsRegion(String)})
     */
    public CrmBuilder defaultRegion(String region) {
        Objects.requireNonNull(region, "region");
        if (!PhoneNumber.knowsRegion(region)) {
            throw new IllegalArgumentException("unknown phone region: " + region);
        }
        this.defaultRegion = region.toUpperCase(Locale.ROOT);
        return this;
    }

    /** Replaces the workflow of customer needs. */
    public CrmBuilder requirementWorkflow(Workflow<RequirementStatus> workflow) {
        this.requirementWorkflow = Objects.requireNonNull(workflow, "workflow");
        return this;
    }

    /** Replaces the workflow of tasks. */
    public CrmBuilder taskWorkflow(Workflow<TaskStatus> workflow) {
        this.taskWorkflow = Objects.requireNonNull(workflow, "workflow");
        return this;
    }

    /** Adds a listener for domain events, called after commit in registration order. */
    public CrmBuilder listener(DomainEventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Registers the transport for one kind of message (replacing an earlier one of that kind). */
    public CrmBuilder channel(MessageChannel channel) {
        Objects.requireNonNull(channel, "channel");
        channels.put(channel.kind(), channel);
        return this;
    }

    /**
     * Messages of these kinds queued inside the window (in the customer's time zone, or the default zone)
     * wait until it ends. Default: none.
     */
    public CrmBuilder quietHours(QuietHours hours, ChannelKind... kinds) {
        this.quietHours = Objects.requireNonNull(hours, "hours");
        if (kinds.length == 0) {
            throw new IllegalArgumentException("name the kinds quiet hours apply to, e.g. SMS and VOICE");
        }
        this.quietKinds = EnumSet.of(kinds[0], kinds);
        return this;
    }

    /** The time zone for customers without one (quiet hours). Default: UTC. */
    public CrmBuilder defaultTimeZone(ZoneId zone) {
        this.defaultZone = Objects.requireNonNull(zone, "zone");
        return this;
    }

    /** At most {@code permits} messages of {@code kind} per {@code window}, per CRM instance; the rest wait. */
    public CrmBuilder rateLimit(ChannelKind kind, int permits, Duration window) {
        Objects.requireNonNull(kind, "kind");
        if (permits < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limit needs permits >= 1 and a positive window");
        }
        ratePermits.put(kind, permits);
        rateWindows.put(kind, window);
        return this;
    }

    /** How transient delivery failures are retried. Default: {@link RetryPolicy#DEFAULT}. */
    public CrmBuilder retryPolicy(RetryPolicy policy) {
        this.retryPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Sends queued messages on a background thread owned by the CRM, looking every {@code interval}
     * and right after each send. Without it, the host calls {@code crm.messaging().dispatchPending()}.
     */
    public CrmBuilder backgroundDispatch(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.backgroundInterval = interval;
        return this;
    }

    /**
     * Tunes the dispatcher: messages claimed per batch, how long a claim keeps other dispatchers off a
     * message (it must exceed the slowest send), and how long {@link Crm#close()} waits for a batch in
     * flight. Defaults: 50, 5 minutes, 30 seconds.
     */
    public CrmBuilder dispatcher(int batchSize, Duration lease, Duration shutdownWait) {
        if (batchSize < 1 || lease.isNegative() || lease.isZero() || shutdownWait.isNegative()) {
            throw new IllegalArgumentException("dispatcher needs batchSize >= 1, a positive lease and a non-negative wait");
        }
        this.dispatchBatchSize = batchSize;
        this.lease = lease;
        this.shutdownWait = shutdownWait;
        return this;
    }

    /** @throws IllegalStateException if no storage was set */
    public Crm build() {
        if (storage == null) {
            throw new IllegalStateException(
                    "no storage: call storage(InMemoryStorage.create()) or storage(JdbcStorage.embedded(path))");
        }
        MessagingConfig messaging = new MessagingConfig(channels, Optional.ofNullable(quietHours), quietKinds,
                defaultZone, MessagingConfig.rateLimits(ratePermits, rateWindows), retryPolicy, Optional.ofNullable(backgroundInterval),
                dispatchBatchSize, lease, shutdownWait);
        Engine engine = new Engine(storage, clock, defaultRegion, requirementWorkflow, taskWorkflow, listeners, messaging);
        Crm crm = new Crm(engine, defaultActor);
        engine.start();
        return crm;
    }
}
