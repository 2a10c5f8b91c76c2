package io.crmkit.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Clock changes of 2026: Europe/Berlin goes forward on 29 March (02:00 CET to 03:00 CEST, 01:00 UTC) and back on
 * 25 October (03:00 CEST to 02:00 CET, 01:00 UTC); America/New_York forward on 8 March (02:00 EST to 03:00 EDT,
 * 07:00 UTC) and back on 1 November (02:00 EDT to 01:00 EST, 06:00 UTC). Instants are written in UTC.
 */
class DaylightSavingTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant utc(String text) {
        return Instant.parse(text);
    }

    @Test
    void aWholeDayLasts23Or25HoursInBerlin() {
        WorkCalendar always = WorkCalendar.allDay(BERLIN);
        // local midnights: 29 March 00:00 CET, 30 March 00:00 CEST
        assertThat(always.between(utc("2026-03-28T23:00:00Z"), utc("2026-03-29T22:00:00Z"))).isEqualTo(Duration.ofHours(23));
        // 25 October 00:00 CEST, 26 October 00:00 CET
        assertThat(always.between(utc("2026-10-24T22:00:00Z"), utc("2026-10-25T23:00:00Z"))).isEqualTo(Duration.ofHours(25));
        assertThat(always.add(utc("2026-10-24T22:00:00Z"), Duration.ofHours(24))).as("23:00 CET on the 25th")
                .isEqualTo(utc("2026-10-25T22:00:00Z"));
        assertThat(always.add(utc("2026-03-28T23:00:00Z"), Duration.ofHours(24))).as("01:00 CEST on the 30th")
                .isEqualTo(utc("2026-03-29T23:00:00Z"));
        assertThat(always.isWorkingTime(utc("2026-03-29T01:00:00Z"))).isTrue();
    }

    @Test
    void aWholeDayLasts23Or25HoursInNewYork() {
        WorkCalendar always = WorkCalendar.allDay(NEW_YORK);
        assertThat(always.between(utc("2026-03-08T05:00:00Z"), utc("2026-03-09T04:00:00Z"))).isEqualTo(Duration.ofHours(23));
        assertThat(always.between(utc("2026-11-01T04:00:00Z"), utc("2026-11-02T05:00:00Z"))).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void anIntervalAroundTheChangeCountsTheRealHours() {
        WorkCalendar night = WorkCalendar.builder(BERLIN).hours(DayOfWeek.SUNDAY, WorkingInterval.parse("01:00-04:00")).build();
        // 01:00 CET (00:00Z) to 04:00 CEST (02:00Z)
        assertThat(night.between(utc("2026-03-28T12:00:00Z"), utc("2026-03-29T12:00:00Z"))).isEqualTo(Duration.ofHours(2));
        assertThat(night.isWorkingTime(utc("2026-03-29T00:59:59Z"))).as("01:59:59 CET").isTrue();
        assertThat(night.isWorkingTime(utc("2026-03-29T01:00:00Z"))).as("03:00 CEST").isTrue();
        assertThat(night.isWorkingTime(utc("2026-03-29T02:00:00Z"))).as("04:00 CEST").isFalse();
        assertThat(night.add(utc("2026-03-29T00:00:00Z"), Duration.ofMinutes(90))).isEqualTo(utc("2026-03-29T01:30:00Z"));
        // 01:00 CEST (23:00Z on the 24th) to 04:00 CET (03:00Z)
        assertThat(night.between(utc("2026-10-24T12:00:00Z"), utc("2026-10-25T12:00:00Z"))).isEqualTo(Duration.ofHours(4));
        assertThat(night.add(utc("2026-10-24T23:00:00Z"), Duration.ofHours(4))).isEqualTo(utc("2026-10-25T03:00:00Z"));
        assertThat(night.add(utc("2026-10-24T23:00:00Z"), Duration.ofHours(4).plusSeconds(1)))
                .as("next Sunday, 01:00:01 CET").isEqualTo(utc("2026-11-01T00:00:01Z"));
        // an ordinary Sunday: three hours
        assertThat(night.between(utc("2026-05-02T12:00:00Z"), utc("2026-05-03T12:00:00Z"))).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void anIntervalStartingInTheSkippedHourStartsWhenTheClockJumps() {
        WorkCalendar cal = WorkCalendar.builder(BERLIN).hours(DayOfWeek.SUNDAY, WorkingInterval.parse("02:30-03:30")).build();
        // 02:30 never happens; work runs from the jump (03:00 CEST, 01:00Z) to 03:30 CEST
        assertThat(cal.between(utc("2026-03-28T12:00:00Z"), utc("2026-03-29T12:00:00Z"))).isEqualTo(Duration.ofMinutes(30));
        assertThat(cal.nextWorkingInstant(utc("2026-03-28T23:00:00Z"))).isEqualTo(utc("2026-03-29T01:00:00Z"));
        assertThat(cal.add(utc("2026-03-28T23:00:00Z"), Duration.ofMinutes(30))).isEqualTo(utc("2026-03-29T01:30:00Z"));
    }

    @Test
    void anIntervalEndingInTheRepeatedHourHasBothPasses() {
        WorkCalendar cal = WorkCalendar.builder(BERLIN).hours(DayOfWeek.SUNDAY, WorkingInterval.parse("01:00-02:30")).build();
        // 01:00-02:30 CEST (23:00Z-00:30Z), then 02:00-02:30 again in CET (01:00Z-01:30Z)
        assertThat(cal.between(utc("2026-10-24T12:00:00Z"), utc("2026-10-25T12:00:00Z"))).isEqualTo(Duration.ofHours(2));
        assertThat(cal.isWorkingTime(utc("2026-10-25T00:15:00Z"))).as("02:15 CEST").isTrue();
        assertThat(cal.isWorkingTime(utc("2026-10-25T00:45:00Z"))).as("02:45 CEST").isFalse();
        assertThat(cal.isWorkingTime(utc("2026-10-25T01:15:00Z"))).as("02:15 CET").isTrue();
        assertThat(cal.isWorkingTime(utc("2026-10-25T01:30:00Z"))).as("02:30 CET").isFalse();
        assertThat(cal.add(utc("2026-10-24T23:00:00Z"), Duration.ofMinutes(90))).isEqualTo(utc("2026-10-25T00:30:00Z"));
        assertThat(cal.add(utc("2026-10-24T23:00:00Z"), Duration.ofMinutes(91))).isEqualTo(utc("2026-10-25T01:01:00Z"));
        assertThat(cal.nextWorkingInstant(utc("2026-10-25T00:45:00Z"))).isEqualTo(utc("2026-10-25T01:00:00Z"));
    }

    @Test
    void intervalsAroundTheRepeatedHourInterleave() {
        WorkCalendar cal = WorkCalendar.builder(BERLIN)
                .hours(DayOfWeek.SUNDAY, WorkingInterval.parse("01:00-02:30"), WorkingInterval.parse("02:45-04:00")).build();
        // 23:00Z-00:30Z (first), 00:45Z-01:00Z (second, CEST), 01:00Z-01:30Z (first, CET), 01:45Z-03:00Z (second, CET)
        assertThat(cal.between(utc("2026-10-24T12:00:00Z"), utc("2026-10-25T12:00:00Z"))).isEqualTo(Duration.ofMinutes(210));
        assertThat(cal.between(utc("2026-10-25T00:30:00Z"), utc("2026-10-25T01:45:00Z"))).isEqualTo(Duration.ofMinutes(45));
        assertThat(cal.add(utc("2026-10-25T00:30:00Z"), Duration.ofMinutes(45))).isEqualTo(utc("2026-10-25T01:30:00Z"));
        assertThat(cal.isWorkingTime(utc("2026-10-25T00:50:00Z"))).as("02:50 CEST").isTrue();
        assertThat(cal.isWorkingTime(utc("2026-10-25T01:35:00Z"))).as("02:35 CET").isFalse();
    }

    @Test
    void officeHoursInNewYorkSkipTheWeekendOfTheChange() {
        WorkCalendar office = WorkCalendar.builder(NEW_YORK).weekdays(WorkingInterval.parse("09:00-17:00")).build();
        Instant fridayFourPm = utc("2026-03-06T21:00:00Z");      // 16:00 EST
        Instant mondayTenAm = utc("2026-03-09T14:00:00Z");       // 10:00 EDT
        assertThat(Duration.between(fridayFourPm, mondayTenAm)).isEqualTo(Duration.ofHours(65));
        assertThat(office.between(fridayFourPm, mondayTenAm)).isEqualTo(Duration.ofHours(2));
        assertThat(office.add(fridayFourPm, Duration.ofHours(2))).isEqualTo(mondayTenAm);
        assertThat(office.nextWorkingInstant(utc("2026-03-06T22:00:00Z"))).as("Monday 09:00 EDT")
                .isEqualTo(utc("2026-03-09T13:00:00Z"));
        // a week of 40 hours either side of the November change
        assertThat(office.between(utc("2026-10-26T04:00:00Z"), utc("2026-11-09T05:00:00Z"))).isEqualTo(Duration.ofHours(80));
        assertThat(office.add(utc("2026-10-30T20:00:00Z"), Duration.ofHours(2))).as("Friday 16:00 EDT to Monday 10:00 EST")
                .isEqualTo(utc("2026-11-02T15:00:00Z"));
    }

    @Test
    void aNewYorkIntervalAroundTheChange() {
        WorkCalendar cal = WorkCalendar.builder(NEW_YORK).hours(DayOfWeek.SUNDAY, WorkingInterval.parse("00:00-03:00")).build();
        // 00:00 EST (05:00Z) to 03:00 EDT (07:00Z); 00:00 EDT (04:00Z) to 03:00 EST (08:00Z)
        assertThat(cal.between(utc("2026-03-08T00:00:00Z"), utc("2026-03-09T00:00:00Z"))).isEqualTo(Duration.ofHours(2));
        assertThat(cal.between(utc("2026-11-01T00:00:00Z"), utc("2026-11-02T00:00:00Z"))).isEqualTo(Duration.ofHours(4));
        assertThat(cal.add(utc("2026-11-01T04:00:00Z"), Duration.ofHours(4))).isEqualTo(utc("2026-11-01T08:00:00Z"));
    }
}
