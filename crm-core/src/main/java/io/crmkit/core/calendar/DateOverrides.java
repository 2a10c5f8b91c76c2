package io.crmkit.core.calendar;

import io.crmkit.core.Checks;
import io.crmkit.core.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Holiday data: the {@linkplain DateOverride date overrides} of some years, and which years they cover, so that
 * a calendar can tell when it computes into a year it has no data for. Immutable and thread-safe.
 *
 * <h2>Text format</h2>
 *
 * <p>UTF-8, one entry per line; blank lines and lines starting with {@code #} are ignored; tokens are separated
 * by spaces or tabs.
 * <pre>
 * # China 2026
 * years 2026
 * 2026-01-01..2026-01-03 holiday 元旦
 * 2026-02-14 workday 春节
 * 2026-12-31 workday 09:00-12:00 half day
 * </pre>
 * <ul>
 *   <li>{@code years <year> ...} declares the years the data covers (1 to 9999; several lines add up). Without
 *       it, the data covers the years of its dates.</li>
 *   <li>{@code <date>[..<date>] holiday|workday [<from>-<to> ...] [name]}: an ISO date or an inclusive range of
 *       at most 366 days; the kind; for a working day, optionally its own intervals ({@code 09:00-12:00},
 *       {@code 24:00} for the end of the day), else it has the calendar's make-up hours; and the rest of the line
 *       as the day's name (at most {@value DateOverride#MAX_NAME} characters).</li>
 * </ul>
 *
 * <p>A date may be given once only. {@link #parse(Reader)} reports every bad line at once in one
 * {@link ValidationException}, each violation's field naming the line ({@code line 12}) and its code the rule:
 * {@code format}, {@code date}, {@code reversed_range}, {@code range_too_long}, {@code kind}, {@code year},
 * {@code hours_on_holiday}, {@code conflict}, or an interval's or a name's own rule.
 */
public final class DateOverrides {
    /** No overrides, covering no year: a plain weekly calendar. */
    public static final DateOverrides NONE = new DateOverrides(new TreeMap<>(), new TreeSet<>());

    private static final String CHINA_MAINLAND = "china-mainland.txt";

    private final NavigableMap<LocalDate, DateOverride> byDate;
    private final SortedSet<Integer> years;

    private DateOverrides(NavigableMap<LocalDate, DateOverride> byDate, SortedSet<Integer> years) {
        this.byDate = Collections.unmodifiableNavigableMap(byDate);
        this.years = Collections.unmodifiableSortedSet(years);
    }

    /**
     * These overrides, covering the years of their dates.
     *
     * @throws ValidationException when a date is given twice
     */
    public static DateOverrides of(Collection<DateOverride> overrides) {
        Objects.requireNonNull(overrides, "overrides");
        TreeSet<Integer> years = new TreeSet<>();
        overrides.forEach(o -> years.add(Objects.requireNonNull(o, "override").date().getYear()));
        return of(overrides, years);
    }

    /**
     * These overrides, covering these years (which may hold no override at all: a year without holidays).
     *
     * @throws ValidationException when a date is given twice or a year is not between 1 and 9999
     */
    public static DateOverrides of(Collection<DateOverride> overrides, Collection<Integer> coveredYears) {
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(coveredYears, "coveredYears");
        Checks checks = new Checks();
        NavigableMap<LocalDate, DateOverride> byDate = index(checks, overrides);
        TreeSet<Integer> years = new TreeSet<>();
        for (Integer year : coveredYears) {
            Objects.requireNonNull(year, "year");
            if (checkYear(checks, "coveredYears", year)) {
                years.add(year);
            }
        }
        checks.throwIfAny();
        return new DateOverrides(byDate, years);
    }

    /**
     * Reads the {@linkplain DateOverrides text format}. Does not close the reader.
     *
     * @throws ValidationException naming every bad line
     * @throws UncheckedIOException when the reader fails
     */
    public static DateOverrides parse(Reader reader) {
        Objects.requireNonNull(reader, "reader");
        try {
            OverrideFormat format = new OverrideFormat();
            format.read(reader);
            return new DateOverrides(format.byDate(), format.years());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the date overrides", e);
        }
    }

    /** Reads the {@linkplain DateOverrides text format} in UTF-8. Does not close the stream. */
    public static DateOverrides parse(InputStream in) {
        Objects.requireNonNull(in, "in");
        return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /**
     * The public holidays and make-up working days of mainland China as the State Council announced them, for
     * the years in {@link #coveredYears()} (2025 and 2026 in this release). Load later years with
     * {@link #parse(Reader)} and {@link #plus(DateOverrides)}.
     */
    public static DateOverrides chinaMainland() {
        return ChinaMainland.DATA;
    }

    /**
     * These overrides and those of {@code other}, covering the years of both: adds a year's data to the rest.
     *
     * @throws ValidationException when both give the same date
     */
    public DateOverrides plus(DateOverrides other) {
        Objects.requireNonNull(other, "other");
        List<DateOverride> all = new ArrayList<>(byDate.values());
        all.addAll(other.byDate.values());
        TreeSet<Integer> covered = new TreeSet<>(years);
        covered.addAll(other.years);
        return of(all, covered);
    }

    public Optional<DateOverride> get(LocalDate date) {
        return Optional.ofNullable(byDate.get(Objects.requireNonNull(date, "date")));
    }

    /** Every override, by date. */
    public List<DateOverride> all() {
        return List.copyOf(byDate.values());
    }

    /** The years this data speaks for, in order; empty when it declares none. */
    public SortedSet<Integer> coveredYears() {
        return years;
    }

    public boolean isEmpty() {
        return byDate.isEmpty() && years.isEmpty();
    }

    NavigableMap<LocalDate, DateOverride> byDate() {
        return byDate;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof DateOverrides other && byDate.equals(other.byDate) && years.equals(other.years);
    }

    @Override
    public int hashCode() {
        return byDate.hashCode() * 31 + years.hashCode();
    }

    @Override
    public String toString() {
        return "DateOverrides[" + byDate.size() + " dates, covering " + years + "]";
    }

    /** The overrides by date; a date given twice is a {@code conflict} under {@code overrides[date]}. */
    static NavigableMap<LocalDate, DateOverride> index(Checks checks, Collection<DateOverride> overrides) {
        NavigableMap<LocalDate, DateOverride> byDate = new TreeMap<>();
        for (DateOverride override : overrides) {
            Objects.requireNonNull(override, "override");
            DateOverride before = byDate.putIfAbsent(override.date(), override);
            if (before != null) {
                checks.add("overrides[" + override.date() + "]", "conflict",
                        "a date may be overridden once only, but it is given as '" + before + "' and as '" + override + "'");
            }
        }
        return byDate;
    }

    static boolean checkYear(Checks checks, String field, int year) {
        return checks.require(year >= 1 && year <= 9999, field, "year", "a year is between 1 and 9999 but was " + year);
    }

    /** Loaded on first use. */
    private static final class ChinaMainland {
        static final DateOverrides DATA = load();

        private static DateOverrides load() {
            try (InputStream in = DateOverrides.class.getResourceAsStream(CHINA_MAINLAND)) {
                if (in == null) {
                    throw new IllegalStateException("crm-core is missing its resource " + CHINA_MAINLAND);
                }
                return parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
