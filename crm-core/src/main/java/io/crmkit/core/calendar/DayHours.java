package io.crmkit.core.calendar;

import io.crmkit.core.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The working intervals of one day, checked, with their bounds as nanoseconds of the day for quick tests. */
final class DayHours {
    static final DayHours NONE = new DayHours(List.of());

    final List<WorkingInterval> intervals;
    /** start0, end0, start1, end1, ... in nanoseconds of the day; 24:00 is {@link WorkingInterval#NANOS_PER_DAY}. */
    final long[] bounds;
    /** The nominal length of the day's working time, as on a day without a clock change. */
    final Duration total;

    private DayHours(List<WorkingInterval> intervals) {
        this.intervals = List.copyOf(intervals);
        this.bounds = new long[intervals.size() * 2];
        long nanos = 0;
        for (int i = 0; i < intervals.size(); i++) {
            bounds[2 * i] = intervals.get(i).startNanos();
            bounds[2 * i + 1] = intervals.get(i).endNanos();
            nanos += bounds[2 * i + 1] - bounds[2 * i];
        }
        this.total = Duration.ofNanos(nanos);
    }

    /** The intervals as given, when they are in order and do not overlap (touching is fine); else a violation and NONE. */
    static DayHours of(Checks checks, String field, List<WorkingInterval> intervals) {
        for (int i = 0; i < intervals.size(); i++) {
            Objects.requireNonNull(intervals.get(i), "interval");
        }
        for (int i = 1; i < intervals.size(); i++) {
            WorkingInterval previous = intervals.get(i - 1);
            WorkingInterval next = intervals.get(i);
            if (next.startNanos() < previous.endNanos()) {
                checks.add(field, next.startNanos() < previous.startNanos() ? "not_ordered" : "overlapping",
                        "intervals must be in order and must not overlap, but " + next + " follows " + previous);
                return NONE;
            }
        }
        return intervals.isEmpty() ? NONE : new DayHours(intervals);
    }

    boolean isEmpty() {
        return bounds.length == 0;
    }

    boolean contains(long nanoOfDay) {
        for (int i = 0; i < bounds.length; i += 2) {
            if (nanoOfDay >= bounds[i] && nanoOfDay < bounds[i + 1]) {
                return true;
            }
        }
        return false;
    }
}
