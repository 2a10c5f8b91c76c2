package io.crmkit.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random instants over 2024 to 2028 on calendars with lunch breaks, holidays, clock changes and intervals
 * that contain the changes: {@code add} and {@code between} undo each other, {@code between} adds up over any split,
 * and agrees with {@code isWorkingTime} and {@code nextWorkingInstant}. A failure names the seed and the case.
 */
class WorkCalendarPropertyTest {
    private static final long SEED = 20260214L;
    private static final int CASES_PER_CALENDAR = 1000;
    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2029-01-01T00:00:00Z");
    private static final Duration MS = Duration.ofMillis(1);

    record Case(String name, WorkCalendar calendar) {
    }

    static List<Case> calendars() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        return List.of(
                new Case("China office with lunch", ChinaCalendarTest.office().overrides(DateOverrides.chinaMainland())
                        .warnings(m -> { }).build()),
                new Case("Berlin 24h", WorkCalendar.allDay(berlin)),
                new Case("New York office", WorkCalendar.builder(ZoneId.of("America/New_York"))
                        .weekdays(WorkingInterval.parse("09:00-12:30"), WorkingInterval.parse("13:30-17:00"))
                        .hours(DayOfWeek.SUNDAY, WorkingInterval.parse("00:30-03:00")).build()),
                new Case("Berlin night shifts", WorkCalendar.builder(berlin)
                        .weekdays(WorkingInterval.parse("00:00-06:00"), WorkingInterval.parse("22:00-24:00"))
                        .hours(DayOfWeek.SUNDAY, WorkingInterval.parse("01:00-02:30"), WorkingInterval.parse("02:45-04:00"))
                        .build()));
    }

    @Test
    void addAndBetweenUndoEachOther() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (Case c : calendars()) {
            WorkCalendar cal = c.calendar();
            List<Instant> changes = transitions(cal.zone());
            for (int i = 0; i < CASES_PER_CALENDAR; i++) {
                Instant a = !changes.isEmpty() && random.nextInt(4) == 0
                        ? changes.get(random.nextInt(changes.size())).plusMillis(random.nextLong(-36 * 3_600_000L, 36 * 3_600_000L))
                        : Instant.ofEpochMilli(random.nextLong(FROM.toEpochMilli(), TO.toEpochMilli()));
                Instant b = a.plusMillis(random.nextLong(0, span(random)));
                String at = String.format("seed %d, %s, case %d: a=%s b=%s", SEED, c.name(), i, a, b);

                Duration worked = cal.between(a, b);
                Instant reached = cal.add(a, worked);
                if (cal.isWorkingTime(b) && cal.isWorkingTime(b.minus(MS))) {
                    assertThat(reached).as(at).isEqualTo(b);
                } else {
                    // b starts working time or lies outside it: add stops at the end of the last working time before it
                    assertThat(reached).as(at).isBeforeOrEqualTo(b);
                    assertThat(cal.between(reached, b)).as(at).isZero();
                    assertThat(cal.between(a, reached)).as(at).isEqualTo(worked);
                }
                assertThat(cal.between(b, a)).as(at).isEqualTo(worked.negated());

                Duration d = Duration.ofMillis(random.nextLong(0, span(random)));
                Instant end = cal.add(a, d);
                assertThat(cal.between(a, end)).as(at + " d=" + d).isEqualTo(d);
                if (!d.isZero()) {
                    assertThat(cal.isWorkingTime(end.minus(MS))).as(at + " d=" + d + ": ends on working time").isTrue();
                }

                Instant c2 = a.plusMillis(random.nextLong(0, Duration.between(a, b).toMillis() + 1));
                assertThat(cal.between(a, c2).plus(cal.between(c2, b))).as(at + " split at " + c2).isEqualTo(worked);

                assertThat(cal.isWorkingTime(a)).as(at).isEqualTo(!cal.between(a, a.plus(MS)).isZero());
                Instant next = cal.nextWorkingInstant(a);
                assertThat(cal.isWorkingTime(next)).as(at + " next=" + next).isTrue();
                assertThat(cal.between(a, next)).as(at + " next=" + next).isZero();
                if (c.name().equals("Berlin 24h")) {
                    assertThat(worked).as(at).isEqualTo(Duration.between(a, b));
                }
            }
        }
    }

    /** The longest gap of a case: mostly hours to weeks, sometimes years, to cross whole weeks and clock changes. */
    private static long span(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 600_000L;
            case 1 -> 3 * 86_400_000L;
            case 2 -> 60 * 86_400_000L;
            default -> 3 * 366 * 86_400_000L;
        };
    }

    private static List<Instant> transitions(ZoneId zone) {
        List<Instant> found = new ArrayList<>();
        for (ZoneOffsetTransition t = zone.getRules().nextTransition(FROM); t != null && t.getInstant().isBefore(TO);
             t = zone.getRules().nextTransition(t.getInstant())) {
            found.add(t.getInstant());
        }
        return found;
    }
}
