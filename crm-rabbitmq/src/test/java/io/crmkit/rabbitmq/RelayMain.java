package io.crmkit.rabbitmq;

import io.crmkit.core.Crm;
import io.crmkit.core.event.EventRelay;
import io.crmkit.core.event.RelaySettings;
import io.crmkit.jdbc.JdbcStorage;
import java.time.Duration;

/**
 * A relay in a JVM of its own, for {@link RabbitRelayCrashTest} to kill: relays the event outbox of the tables with
 * prefix {@code args[1]} on database {@code args[0]} to exchange {@code args[3]} of broker {@code args[2]}, as
 * owner {@code args[4]}, until the process dies.
 */
public final class RelayMain {
    /** Short, so that the relay started after a killed one takes over within the test's time. */
    static final Duration LEASE = Duration.ofSeconds(2);

    private RelayMain() {
    }

    public static void main(String[] args) throws Exception {
        JdbcStorage storage = JdbcStorage.builder().url(args[0]).tablePrefix(args[1]).maximumPoolSize(3).build();
        Crm crm = Crm.builder().storage(storage).build();
        RabbitEventSink sink = RabbitEventSink.builder(Rabbit.factory(args[2])).exchange(args[3])
                .confirmTimeout(Duration.ofSeconds(5)).build();
        EventRelay relay = crm.events().relay(sink, RelaySettings.builder().batchSize(50).lease(LEASE)
                .retryDelay(Duration.ofMillis(100)).pollInterval(Duration.ofMillis(20)).owner(args[4]).build());
        relay.start();
        System.out.println("relaying as " + relay.owner());
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
