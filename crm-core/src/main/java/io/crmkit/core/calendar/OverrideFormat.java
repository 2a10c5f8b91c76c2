package io.crmkit.core.calendar;

import io.crmkit.core.Checks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads the text format described on {@link DateOverrides}; collects every bad line, then throws once. */
final class OverrideFormat {
    private static final String SHAPE = "a line is '<date>[..<date>] holiday|workday [HH:MM-HH:MM ...] [name]' "
            + "or 'years <year> ...'";
    private static final Pattern INTERVAL = Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2})?-\\d{1,2}:\\d{2}(:\\d{2})?");
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t]+");
    private static final int MAX_RANGE_DAYS = 366;

    private final Checks checks = new Checks();
    private final NavigableMap<LocalDate, DateOverride> byDate = new TreeMap<>();
    private final Map<LocalDate, Integer> lineOf = new HashMap<>();
    private final TreeSet<Integer> declaredYears = new TreeSet<>();
    private boolean yearsDeclared;

    void read(Reader reader) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            String text = (number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                line(number, WHITESPACE.split(text));
            }
        }
        checks.throwIfAny();
    }

    NavigableMap<LocalDate, DateOverride> byDate() {
        return byDate;
    }

    TreeSet<Integer> years() {
        if (yearsDeclared) {
            return declaredYears;
        }
        TreeSet<Integer> years = new TreeSet<>();
        byDate.keySet().forEach(d -> years.add(d.getYear()));
        return years;
    }

    private void line(int number, String[] tokens) {
        String field = "line " + number;
        if (tokens[0].equals("years")) {
            years(field, tokens);
            return;
        }
        if (tokens.length < 2) {
            checks.add(field, "format", SHAPE);
            return;
        }
        LocalDate[] range = range(field, tokens[0]);
        DateOverride.Kind kind = kind(field, tokens[1]);
        if (range == null || kind == null) {
            return;
        }
        List<WorkingInterval> hours = new ArrayList<>();
        int next = 2;
        while (next < tokens.length && INTERVAL.matcher(tokens[next]).matches()) {
            String token = tokens[next];
            WorkingInterval interval = checks.value(field, () -> WorkingInterval.parse(token));
            if (interval == null) {
                return;
            }
            hours.add(interval);
            next++;
        }
        String name = next < tokens.length ? String.join(" ", Arrays.asList(tokens).subList(next, tokens.length)) : null;
        DateOverride first = checks.value(field, () -> new DateOverride(range[0], kind, name, hours));
        if (first == null) {
            return;
        }
        for (LocalDate date = range[0]; !date.isAfter(range[1]); date = date.plusDays(1)) {
            Integer before = lineOf.putIfAbsent(date, number);
            if (before != null) {
                checks.add(field, "conflict", date + " is already given on line " + before + "; a date may be given once only");
            } else {
                byDate.put(date, date.equals(range[0]) ? first : new DateOverride(date, kind, name, hours));
            }
        }
    }

    private void years(String field, String[] tokens) {
        if (tokens.length < 2) {
            checks.add(field, "format", "'years' needs at least one year: 'years 2025 2026'");
        }
        yearsDeclared = true;
        for (int i = 1; i < tokens.length; i++) {
            try {
                int year = Integer.parseInt(tokens[i]);
                if (DateOverrides.checkYear(checks, field, year)) {
                    declaredYears.add(year);
                }
            } catch (NumberFormatException e) {
                checks.add(field, "year", "'" + tokens[i] + "' is not a year");
            }
        }
    }

    private LocalDate @Nullable [] range(String field, String token) {
        int dots = token.indexOf("..");
        LocalDate from = date(field, dots < 0 ? token : token.substring(0, dots));
        LocalDate to = dots < 0 ? from : date(field, token.substring(dots + 2));
        if (from == null || to == null) {
            return null;
        }
        if (to.isBefore(from)) {
            checks.add(field, "reversed_range", "the range " + token + " ends before it starts");
            return null;
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_RANGE_DAYS) {
            checks.add(field, "range_too_long", "a range spans at most " + MAX_RANGE_DAYS + " days");
            return null;
        }
        return new LocalDate[] {from, to};
    }

    private @Nullable LocalDate date(String field, String text) {
        try {
            LocalDate date = LocalDate.parse(text);
            return DateOverrides.checkYear(checks, field, date.getYear()) ? date : null;
        } catch (DateTimeParseException e) {
            checks.add(field, "date", "'" + text + "' is not a date of the form 2026-02-15 (or a range 2026-02-15..2026-02-23); "
                    + SHAPE);
            return null;
        }
    }

    private DateOverride.@Nullable Kind kind(String field, String token) {
        switch (token.toLowerCase(Locale.ROOT)) {
            case "holiday":
                return DateOverride.Kind.HOLIDAY;
            case "workday":
                return DateOverride.Kind.WORKDAY;
            default:
                checks.add(field, "kind", "'" + token + "' is neither 'holiday' nor 'workday'");
                return null;
        }
    }
}
