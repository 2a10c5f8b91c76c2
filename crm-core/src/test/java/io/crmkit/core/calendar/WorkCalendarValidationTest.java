package io.crmkit.core.calendar;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Intervals, builders and arguments: what a calendar refuses, and how. */
class WorkCalendarValidationTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingInterval MORNING = WorkingInterval.parse("09:00-12:00");
    private static final WorkingInterval AFTERNOON = WorkingInterval.parse("13:00-18:00");
    private final WorkCalendar office = WorkCalendar.builder(SHANGHAI).weekdays(MORNING, AFTERNOON).build();

    @Test
    void anIntervalIsNonEmptyWithinOneDay() {
        assertThat(WorkingInterval.parse("00:00-24:00")).isEqualTo(WorkingInterval.ALL_DAY);
        assertThat(WorkingInterval.ALL_DAY.length()).isEqualTo(Duration.ofHours(24));
        assertThat(WorkingInterval.ALL_DAY).hasToString("00:00-24:00");
        assertThat(WorkingInterval.parse("13:30-18:00").length()).isEqualTo(Duration.ofMinutes(270));
        assertThat(WorkingInterval.parse(" 09:00:30 - 10:00 ").start()).isEqualTo(LocalTime.of(9, 0, 30));
        assertThat(violationsOf(() -> WorkingInterval.parse("12:00-09:00"))).containsExactly("interval:not_ordered");
        assertThat(violationsOf(() -> WorkingInterval.parse("09:00-09:00"))).containsExactly("interval:not_ordered");
        assertThat(violationsOf(() -> WorkingInterval.of(LocalTime.MAX, LocalTime.MAX))).containsExactly("interval:not_ordered");
        assertThat(violationsOf(() -> WorkingInterval.parse("9-12"))).containsExactly("interval:format");
        assertThat(violationsOf(() -> WorkingInterval.parse("09:00"))).containsExactly("interval:format");
        assertThat(violationsOf(() -> WorkingInterval.parse("24:00-24:00"))).containsExactly("interval:format");
    }

    @Test
    void theBuilderReportsEveryBadSettingAtOnce() {
        LocalDate day = LocalDate.of(2026, 2, 14);
        assertThat(violationsOf(() -> WorkCalendar.builder(SHANGHAI)
                .hours(DayOfWeek.MONDAY, WorkingInterval.parse("09:00-12:00"), WorkingInterval.parse("11:00-13:00"))
                .hours(DayOfWeek.TUESDAY, AFTERNOON, MORNING)
                .makeUpDayHours(AFTERNOON, AFTERNOON)
                .override(DateOverride.holiday(day, null))
                .override(DateOverride.workday(day, null))
                .covers(2026, 0)
                .build()))
                .containsExactlyInAnyOrder("hours[MONDAY]:overlapping", "hours[TUESDAY]:not_ordered", "makeUpDayHours:overlapping",
                        "overrides[2026-02-14]:conflict", "coveredYears:year");
        assertThat(violationsOf(() -> WorkCalendar.builder(SHANGHAI).weekdays(MORNING).overrides(DateOverrides.chinaMainland())
                .override(DateOverride.workday(LocalDate.of(2026, 1, 4), null)).build()))
                .containsExactly("overrides[2026-01-04]:conflict");
        assertThat(WorkCalendar.builder(SHANGHAI).weekdays(MORNING, WorkingInterval.parse("12:00-13:00")).build()
                .between(Instant.parse("2026-03-02T01:00:00Z"), Instant.parse("2026-03-02T05:00:00Z")))
                .as("touching intervals are fine").isEqualTo(Duration.ofHours(4));
    }

    @Test
    void aCalendarWithoutWorkingTimeIsRefused() {
        assertThat(violationsOf(() -> WorkCalendar.builder(SHANGHAI).build())).containsExactly("hours:no_working_time");
        assertThat(violationsOf(() -> WorkCalendar.builder(SHANGHAI)
                .override(DateOverride.workday(LocalDate.of(2026, 2, 14), null, MORNING)).build()))
                .as("a few working dates do not make a week").containsExactly("hours:no_working_time");
    }

    @Test
    void makeUpDaysHaveTheFirstWeekdaysHoursUnlessGivenOthers() {
        LocalDate saturday = LocalDate.of(2026, 2, 14);
        WorkCalendar closedMondays = WorkCalendar.builder(SHANGHAI).hours(DayOfWeek.TUESDAY, AFTERNOON)
                .override(DateOverride.workday(saturday, null)).build();
        assertThat(closedMondays.hoursOn(saturday)).containsExactly(AFTERNOON);
        WorkCalendar shortMakeUp = WorkCalendar.builder(SHANGHAI).weekdays(MORNING, AFTERNOON).makeUpDayHours(MORNING)
                .override(DateOverride.workday(saturday, null))
                .override(DateOverride.workday(saturday.plusDays(14), null, WorkingInterval.parse("10:00-11:00"))).build();
        assertThat(shortMakeUp.hoursOn(saturday)).containsExactly(MORNING);
        assertThat(shortMakeUp.hoursOn(saturday.plusDays(14))).containsExactly(WorkingInterval.parse("10:00-11:00"));
        assertThat(shortMakeUp.withOverrides(DateOverrides.NONE).hoursOn(saturday)).isEmpty();
        assertThat(shortMakeUp.withOverrides(DateOverrides.of(java.util.List.of(DateOverride.workday(saturday, null))))
                .hoursOn(saturday)).as("the make-up hours are kept").containsExactly(MORNING);
    }

    @Test
    void argumentsOutsideTheRulesAreRefused() {
        Instant monday = Instant.parse("2026-03-02T02:00:00Z");
        assertThat(violationsOf(() -> office.add(monday, Duration.ofMinutes(-1)))).containsExactly("workingTime:negative");
        assertThat(violationsOf(() -> office.add(Instant.MAX, Duration.ZERO))).containsExactly("start:out_of_range");
        assertThat(violationsOf(() -> office.between(Instant.MIN, monday))).containsExactly("a:out_of_range");
        assertThat(violationsOf(() -> office.plusWorkingDays(LocalDate.of(2026, 3, 2), -1))).containsExactly("days:negative");
        assertThat(violationsOf(() -> WorkCalendar.allDay(ZoneOffset.UTC).add(monday, Duration.ofDays(366L * 8000))))
                .as("beyond the year 9999, after a bounded walk").containsExactly("workingTime:out_of_range");
        assertThat(WorkCalendar.allDay(ZoneOffset.UTC).add(monday, Duration.ofDays(365L * 1000)))
                .isEqualTo(monday.plus(Duration.ofDays(365L * 1000)));
    }

    @Test
    void nullsAreRefusedByName() {
        Instant now = Instant.parse("2026-03-02T02:00:00Z");
        assertThatThrownBy(() -> WorkCalendar.builder(null)).isInstanceOf(NullPointerException.class).hasMessage("zone");
        assertThatThrownBy(() -> office.add(null, Duration.ZERO)).isInstanceOf(NullPointerException.class).hasMessage("start");
        assertThatThrownBy(() -> office.add(now, null)).isInstanceOf(NullPointerException.class).hasMessage("workingTime");
        assertThatThrownBy(() -> office.between(now, null)).isInstanceOf(NullPointerException.class).hasMessage("b");
        assertThatThrownBy(() -> office.isWorkingTime(null)).isInstanceOf(NullPointerException.class).hasMessage("instant");
        assertThatThrownBy(() -> office.workingDaysBetween(null, LocalDate.MIN)).isInstanceOf(NullPointerException.class).hasMessage("from");
        assertThatThrownBy(() -> office.isNextYearMissing(null)).isInstanceOf(NullPointerException.class).hasMessage("clock");
        assertThatThrownBy(() -> WorkCalendar.builder(SHANGHAI).hours(null)).isInstanceOf(NullPointerException.class).hasMessage("day");
        assertThatThrownBy(() -> WorkCalendar.builder(SHANGHAI).weekdays(MORNING, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("interval");
        assertThatThrownBy(() -> WorkingInterval.of(null, LocalTime.NOON)).isInstanceOf(NullPointerException.class).hasMessage("start");
    }
}
