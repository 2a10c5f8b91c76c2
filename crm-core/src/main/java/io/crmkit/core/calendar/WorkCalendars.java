package io.crmkit.core.calendar;

import io.crmkit.core.Checks;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.ValidationException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The named {@linkplain WorkCalendar working calendars} of a running application, one of them the default, which
 * the host may replace at any time, for example when next year's holidays are announced. Thread-safe: readers
 * never block and always see a whole calendar, the one before a replacement or the one after.
 *
 * <pre>{@code
 * WorkCalendars calendars = WorkCalendars.of("cn", china);
 * calendars.replace("de", germany);
 * // later, with the data announced for the next year:
 * calendars.replace("cn", calendars.require("cn").withOverrides(DateOverrides.chinaMainland().plus(nextYear)));
 * }</pre>
 */
public final class WorkCalendars {
    /** The longest calendar name, in characters. */
    public static final int MAX_NAME = 100;

    /** One consistent state, never changed: readers take it whole. */
    private record State(String defaultName, WorkCalendar defaultCalendar, Map<String, WorkCalendar> byName) {
        State with(Map<String, WorkCalendar> byName) {
            return new State(defaultName, Objects.requireNonNull(byName.get(defaultName), "default"), Map.copyOf(byName));
        }
    }

    /** Replaced whole under the lock by writers; read without it. */
    private volatile State state;

    private WorkCalendars(State state) {
        this.state = state;
    }

    /**
     * Holds {@code calendar} as the default, under {@code defaultName}.
     *
     * @throws ValidationException when the name is blank, too long or has control characters
     */
    public static WorkCalendars of(String defaultName, WorkCalendar calendar) {
        Objects.requireNonNull(calendar, "calendar");
        String name = name(defaultName);
        return new WorkCalendars(new State(name, calendar, Map.of(name, calendar)));
    }

    /** The default calendar. */
    public WorkCalendar defaultCalendar() {
        return state.defaultCalendar;
    }

    public String defaultName() {
        return state.defaultName;
    }

    public Optional<WorkCalendar> get(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(state.byName.get(name));
    }

    /** @throws NotFoundException when no calendar has this name */
    public WorkCalendar require(String name) {
        return get(name).orElseThrow(() -> new NotFoundException("no working calendar is named " + name));
    }

    /** The names, the default's among them. */
    public Set<String> names() {
        return state.byName.keySet();
    }

    /** Every calendar by name, as they are at this moment. */
    public Map<String, WorkCalendar> snapshot() {
        return state.byName;
    }

    /**
     * Holds {@code calendar} under {@code name}, in place of the one held there before, if any; readers see the
     * new one from now on. Replacing the default's name replaces the default.
     *
     * @throws ValidationException when the name is blank, too long or has control characters
     */
    public synchronized void replace(String name, WorkCalendar calendar) {
        Objects.requireNonNull(calendar, "calendar");
        String key = name(name);
        Map<String, WorkCalendar> byName = new HashMap<>(state.byName);
        byName.put(key, calendar);
        state = state.with(byName);
    }

    /**
     * Stops holding the calendar of this name; returns whether there was one.
     *
     * @throws ValidationException when {@code name} is the default's: replace it instead
     */
    public synchronized boolean remove(String name) {
        Objects.requireNonNull(name, "name");
        if (state.defaultName.equals(name)) {
            throw ValidationException.of("name", "default", "the default calendar cannot be removed, only replaced");
        }
        Map<String, WorkCalendar> byName = new HashMap<>(state.byName);
        boolean held = byName.remove(name) != null;
        state = state.with(byName);
        return held;
    }

    @Override
    public String toString() {
        State now = state;
        return "WorkCalendars[" + now.byName.keySet() + ", default " + now.defaultName + "]";
    }

    private static String name(String name) {
        Objects.requireNonNull(name, "name");
        return Checks.requireText("name", name, MAX_NAME);
    }
}
