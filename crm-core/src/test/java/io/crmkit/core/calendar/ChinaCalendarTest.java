package io.crmkit.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.MutableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped mainland China data on an office calendar with a lunch break, checked against dates worked out by hand. */
class ChinaCalendarTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final List<String> warnings = new ArrayList<>();
    private final WorkCalendar china = office().overrides(DateOverrides.chinaMainland()).warnings(warnings::add).build();

    static WorkCalendar.Builder office() {
        return WorkCalendar.builder(SHANGHAI)
                .weekdays(WorkingInterval.parse("09:00-12:00"), WorkingInterval.parse("13:00-18:00"));
    }

    static Instant at(String localTime) {
        return OffsetDateTime.parse(localTime + "+08:00").toInstant();
    }

    @Test
    void makeUpWeekendDaysAreWorkingDaysAndHolidaysAreNot() {
        LocalDate newYearMakeUp = LocalDate.of(2026, 1, 4);
        LocalDate springMakeUp1 = LocalDate.of(2026, 2, 14);
        LocalDate springMakeUp2 = LocalDate.of(2026, 2, 28);
        LocalDate springFestivalMonday = LocalDate.of(2026, 2, 16);
        assertThat(newYearMakeUp.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(springMakeUp1.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(springMakeUp2.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(springFestivalMonday.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);

        assertThat(china.isWorkingDay(newYearMakeUp)).isTrue();
        assertThat(china.isWorkingDay(springMakeUp1)).isTrue();
        assertThat(china.isWorkingDay(springMakeUp2)).isTrue();
        assertThat(china.isWorkingDay(springFestivalMonday)).isFalse();
        assertThat(china.isWorkingDay(LocalDate.of(2026, 1, 1))).as("元旦, a Thursday").isFalse();
        assertThat(china.isWorkingDay(LocalDate.of(2026, 2, 21))).as("an ordinary Saturday").isFalse();
        assertThat(china.isWorkingDay(LocalDate.of(2026, 2, 24))).isTrue();
        assertThat(china.hoursOn(springMakeUp1)).as("a make-up day has the weekday hours")
                .containsExactly(WorkingInterval.parse("09:00-12:00"), WorkingInterval.parse("13:00-18:00"));
        assertThat(china.hoursOn(springFestivalMonday)).isEmpty();
        assertThat(china.isWorkingTime(at("2026-02-14T09:30:00"))).isTrue();
        assertThat(china.isWorkingTime(at("2026-02-14T12:30:00"))).as("lunch").isFalse();
        assertThat(china.isWorkingTime(at("2026-02-16T10:00:00"))).isFalse();
        assertThat(china.overrides().get(springFestivalMonday).flatMap(DateOverride::label)).hasValue("春节");
    }

    @Test
    void theShippedDataHasTheOfficialDaysOf2025And2026() {
        DateOverrides data = DateOverrides.chinaMainland();
        assertThat(data.coveredYears()).containsExactly(2025, 2026);
        assertThat(data.all().stream().filter(o -> !o.isHoliday()).map(DateOverride::date)).containsExactly(
                LocalDate.of(2025, 1, 26), LocalDate.of(2025, 2, 8), LocalDate.of(2025, 4, 27), LocalDate.of(2025, 9, 28),
                LocalDate.of(2025, 10, 11), LocalDate.of(2026, 1, 4), LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 28),
                LocalDate.of(2026, 5, 9), LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 10));
        assertThat(data.all().stream().filter(o -> !o.isHoliday()).map(o -> o.date().getDayOfWeek()))
                .allMatch(d -> d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY);
        // 1 + 8 + 3 + 5 + 3 + 8 holidays in 2025; 3 + 9 + 3 + 5 + 3 + 3 + 7 in 2026
        assertThat(data.all().stream().filter(o -> o.isHoliday() && o.date().getYear() == 2025)).hasSize(28);
        assertThat(data.all().stream().filter(o -> o.isHoliday() && o.date().getYear() == 2026)).hasSize(33);
        assertThat(data.get(LocalDate.of(2025, 10, 8))).get().extracting(DateOverride::isHoliday).isEqualTo(true);
        assertThat(data.get(LocalDate.of(2026, 10, 8))).isEmpty();
        // 261 weekdays each year, less 18 (2025) or 19 (2026) holidays on weekdays, plus the make-up days
        assertThat(china.workingDaysBetween(LocalDate.of(2024, 12, 31), LocalDate.of(2025, 12, 31))).isEqualTo(248);
        assertThat(china.workingDaysBetween(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 12, 31))).isEqualTo(248);
    }

    @Test
    void addCarriesWorkingTimeOverTheSpringFestival() {
        // Friday 13th, 10:00: 2 h before lunch and 5 h after, 8 h on the make-up Saturday, then nine days off
        assertThat(china.add(at("2026-02-13T10:00:00"), Duration.ofHours(16))).isEqualTo(at("2026-02-24T10:00:00"));
        assertThat(china.add(at("2026-02-13T17:00:00"), Duration.ofHours(3))).isEqualTo(at("2026-02-14T11:00:00"));
        assertThat(china.add(at("2026-02-14T17:00:00"), Duration.ofHours(2))).isEqualTo(at("2026-02-24T10:00:00"));
        // after the festival, the next make-up Saturday
        assertThat(china.add(at("2026-02-27T17:30:00"), Duration.ofHours(1))).isEqualTo(at("2026-02-28T09:30:00"));
        // from a holiday, the clock starts when work does
        assertThat(china.add(at("2026-02-18T15:00:00"), Duration.ofMinutes(1))).isEqualTo(at("2026-02-24T09:01:00"));
    }

    @Test
    void addEndsWhenTheTimeRunsOutNotWhenWorkResumes() {
        assertThat(china.add(at("2026-03-02T11:00:00"), Duration.ofHours(1))).isEqualTo(at("2026-03-02T12:00:00"));
        assertThat(china.add(at("2026-03-02T11:00:00"), Duration.ofHours(1).plusSeconds(1)))
                .isEqualTo(at("2026-03-02T13:00:01"));
        assertThat(china.add(at("2026-03-02T12:30:00"), Duration.ZERO)).as("zero: the start itself, even at lunch")
                .isEqualTo(at("2026-03-02T12:30:00"));
        assertThat(china.nextWorkingInstant(at("2026-03-02T12:30:00"))).isEqualTo(at("2026-03-02T13:00:00"));
        assertThat(china.nextWorkingInstant(at("2026-03-02T13:10:00"))).isEqualTo(at("2026-03-02T13:10:00"));
        assertThat(china.nextWorkingInstant(at("2026-02-14T18:00:00"))).isEqualTo(at("2026-02-24T09:00:00"));
    }

    @Test
    void betweenLeavesOutLunchWeekendsAndHolidays() {
        // Friday 11:00-12:00 and 13:00-18:00, the make-up Saturday, the festival, Tuesday 09:00-12:00 and 13:00-14:00
        assertThat(china.between(at("2026-02-13T11:00:00"), at("2026-02-24T14:00:00"))).isEqualTo(Duration.ofHours(18));
        // an ordinary weekend: Friday 11:30-12:00 and 13:00-18:00, Monday 09:00-12:00 and 13:00-13:30
        assertThat(china.between(at("2026-03-06T11:30:00"), at("2026-03-09T13:30:00"))).isEqualTo(Duration.ofHours(9));
        assertThat(china.between(at("2026-03-09T12:15:00"), at("2026-03-09T12:45:00"))).isZero();
        assertThat(china.between(at("2026-03-09T13:30:00"), at("2026-03-06T11:30:00")))
                .as("reversed: negative").isEqualTo(Duration.ofHours(-9));
        // May Day: Friday 1st to Tuesday 5th off, Saturday 9th worked
        assertThat(china.between(at("2026-04-30T17:00:00"), at("2026-05-06T10:00:00"))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void workingDaysCountTheDaysAfterTheFirstUpToTheLast() {
        LocalDate friday = LocalDate.of(2026, 2, 13);
        assertThat(china.workingDaysBetween(friday, LocalDate.of(2026, 2, 27))).as("the 14th, 24th to 27th").isEqualTo(5);
        assertThat(china.workingDaysBetween(friday, LocalDate.of(2026, 2, 28))).isEqualTo(6);
        assertThat(china.workingDaysBetween(friday, friday)).isZero();
        assertThat(china.workingDaysBetween(LocalDate.of(2026, 2, 28), friday)).isEqualTo(-6);
        assertThat(china.workingDaysBetween(LocalDate.of(2026, 3, 6), LocalDate.of(2026, 3, 9))).isEqualTo(1);
        assertThat(china.plusWorkingDays(friday, 1)).isEqualTo(LocalDate.of(2026, 2, 14));
        assertThat(china.plusWorkingDays(friday, 2)).isEqualTo(LocalDate.of(2026, 2, 24));
        assertThat(china.plusWorkingDays(friday, 6)).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(china.plusWorkingDays(friday, 0)).isEqualTo(friday);
        for (int n = 0; n < 400; n += 7) {
            assertThat(china.workingDaysBetween(friday, china.plusWorkingDays(friday, n))).as("n=%d", n).isEqualTo(n);
        }
    }

    @Test
    void aYearWithoutDataIsReportedOnceAndAheadOfTime() {
        assertThat(china.between(at("2025-01-01T00:00:00"), at("2026-12-31T23:59:59"))).isPositive();
        assertThat(china.workingDaysBetween(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31))).isPositive();
        assertThat(warnings).as("the covered years only, even at their edges").isEmpty();

        assertThat(china.add(at("2026-12-31T17:00:00"), Duration.ofHours(2))).as("2027 by the weekly hours alone")
                .isEqualTo(at("2027-01-01T10:00:00"));
        china.add(at("2026-12-31T17:00:00"), Duration.ofHours(20));
        china.isWorkingTime(at("2027-03-01T10:00:00"));
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("2027", "[2025, 2026]");
        china.isWorkingDay(LocalDate.of(2024, 6, 3));
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(1)).contains("2024");

        assertThat(china.isNextYearMissing(MutableClock.at("2026-12-03T09:00:00Z"))).isTrue();
        assertThat(china.isNextYearMissing(MutableClock.at("2025-12-03T09:00:00Z"))).isFalse();
        assertThat(china.isNextYearMissing(MutableClock.at("2025-12-31T16:00:00Z"))).as("already 2026 in Shanghai").isTrue();
    }

    @Test
    void aWeeklyCalendarWithoutHolidayDataNeverWarns() {
        List<String> heard = new ArrayList<>();
        WorkCalendar weekly = office().warnings(heard::add).build();
        assertThat(weekly.coveredYears()).isEmpty();
        assertThat(weekly.isNextYearMissing(MutableClock.at("2026-12-03T09:00:00Z"))).isFalse();
        assertThat(weekly.isWorkingDay(LocalDate.of(2026, 2, 16))).isTrue();
        assertThat(weekly.between(at("2020-01-01T00:00:00"), at("2030-01-01T00:00:00"))).isPositive();
        assertThat(heard).isEmpty();
    }

    @Test
    void nextYearsDataIsAddedToACalendar() {
        DateOverrides nextYear = DateOverrides.of(List.of(DateOverride.holiday(LocalDate.of(2027, 1, 1), "元旦")), List.of(2027));
        WorkCalendar updated = china.withOverrides(DateOverrides.chinaMainland().plus(nextYear));
        assertThat(updated.coveredYears()).containsExactly(2025, 2026, 2027);
        assertThat(updated.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(updated.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();
        assertThat(updated.hours(DayOfWeek.MONDAY)).isEqualTo(china.hours(DayOfWeek.MONDAY));
        assertThat(updated.isNextYearMissing(MutableClock.at("2026-12-03T09:00:00Z"))).isFalse();
        assertThat(china.isWorkingDay(LocalDate.of(2027, 1, 1))).as("the old calendar is unchanged").isTrue();
    }
}
