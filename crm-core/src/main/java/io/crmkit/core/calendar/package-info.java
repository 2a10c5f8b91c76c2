/**
 * Working-time calendars, for clocks that run only during business hours (service-level deadlines, the
 * staleness of a sale in working days).
 *
 * <p>Start from {@link io.crmkit.core.calendar.WorkCalendar}: a time zone, the
 * {@linkplain io.crmkit.core.calendar.WorkingInterval working intervals} of each day of the week (several per
 * day, for lunch breaks), and {@linkplain io.crmkit.core.calendar.DateOverride date overrides}: holidays and
 * make-up working days. {@link io.crmkit.core.calendar.DateOverrides} holds a year's holiday data, read from a
 * small text format; {@link io.crmkit.core.calendar.DateOverrides#chinaMainland()} ships the official
 * calendar of the current years. Calendars are immutable values;
 * {@link io.crmkit.core.calendar.WorkCalendars} holds the named calendars of a running application, so that
 * the host can swap in next year's data without a restart.
 */
@NullMarked
package io.crmkit.core.calendar;

import org.jspecify.annotations.NullMarked;
