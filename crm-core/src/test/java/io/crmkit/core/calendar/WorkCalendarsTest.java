package io.crmkit.core.calendar;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.NotFoundException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The holder of a running application's calendars: lookups, replacement, and readers during replacement. */
class WorkCalendarsTest {
    private static final LocalDate FIRST = LocalDate.of(2026, 3, 2);

    /** Generation {@code n}: a calendar whose only holiday is the {@code n}-th weekday after {@link #FIRST}. */
    private static WorkCalendar generation(int n) {
        return ChinaCalendarTest.office().override(DateOverride.holiday(FIRST.plusDays(n), "generation " + n)).covers(2026).build();
    }

    @Test
    void namedCalendarsWithADefault() {
        WorkCalendar china = generation(0);
        WorkCalendar berlin = WorkCalendar.allDay(ZoneId.of("Europe/Berlin"));
        WorkCalendars calendars = WorkCalendars.of("cn", china);
        calendars.replace("de", berlin);
        assertThat(calendars.defaultName()).isEqualTo("cn");
        assertThat(calendars.defaultCalendar()).isSameAs(china);
        assertThat(calendars.get("de")).containsSame(berlin);
        assertThat(calendars.require("cn")).isSameAs(china);
        assertThat(calendars.get("fr")).isEmpty();
        assertThatThrownBy(() -> calendars.require("fr")).isInstanceOf(NotFoundException.class).hasMessageContaining("fr");
        assertThat(calendars.names()).containsExactlyInAnyOrder("cn", "de");

        WorkCalendar next = generation(1);
        calendars.replace("cn", next);
        assertThat(calendars.defaultCalendar()).isSameAs(next);
        assertThat(calendars.snapshot()).containsOnlyKeys("cn", "de").containsEntry("cn", next);
        assertThat(calendars.remove("de")).isTrue();
        assertThat(calendars.remove("de")).isFalse();
        assertThat(violationsOf(() -> calendars.remove("cn"))).containsExactly("name:default");
        assertThat(violationsOf(() -> calendars.replace(" ", next))).containsExactly("name:required");
        assertThat(violationsOf(() -> WorkCalendars.of("x".repeat(101), next))).containsExactly("name:too_long");
        assertThatThrownBy(() -> calendars.replace("cn", null)).isInstanceOf(NullPointerException.class).hasMessage("calendar");
        assertThatThrownBy(() -> calendars.get(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
    }

    @Test
    void readersSeeTheOldOrTheNewCalendarNeverAnotherOne() throws Exception {
        int generations = 300;
        List<WorkCalendar> calendars = new ArrayList<>();
        Map<WorkCalendar, Integer> generationOf = new IdentityHashMap<>();
        for (int n = 0; n < generations; n++) {
            calendars.add(generation(n));
            generationOf.put(calendars.get(n), n);
        }
        WorkCalendars holder = WorkCalendars.of("cn", calendars.get(0));
        holder.replace("other", calendars.get(0));
        int readers = 3;
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
        try {
            List<Future<Integer>> seen = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                seen.add(pool.submit(() -> {
                    start.await();
                    int last = 0;
                    int reads = 0;
                    do {
                        WorkCalendar c = reads % 2 == 0 ? holder.defaultCalendar() : holder.require("cn");
                        Integer n = generationOf.get(c);
                        reads++;
                        if (n == null) {
                            failures.add("a calendar that was never held");
                            continue;
                        }
                        if (n < last) {
                            failures.add("generation " + n + " after " + last);
                        }
                        last = n;
                        if (c.isWorkingDay(FIRST.plusDays(n)) || !holder.names().contains("other")) {
                            failures.add("generation " + n + " is not whole");
                        }
                    } while (writing.get());
                    return reads;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                start.await();
                for (int n = 1; n < generations; n++) {
                    holder.replace("cn", calendars.get(n));
                }
                writing.set(false);
                return null;
            });
            start.countDown();
            writer.get(30, TimeUnit.SECONDS);
            for (Future<Integer> reader : seen) {
                assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).isEmpty();
        assertThat(holder.defaultCalendar()).isSameAs(calendars.get(generations - 1));
        assertThat(holder.get("other")).containsSame(calendars.get(0));
    }
}
