package io.crmkit.core.calendar;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crmkit.core.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The holiday data text format: what it reads, and every way a line can be wrong, named by line and rule. */
class DateOverridesTest {

    private static DateOverrides parse(String... lines) {
        return DateOverrides.parse(new StringReader(String.join("\n", lines)));
    }

    @Test
    void readsDatesRangesKindsHoursAndNames() {
        DateOverrides data = parse(
                "\uFEFF# a comment",
                "years 2026 2027",
                "",
                "2026-02-15..2026-02-17\tholiday 春节",
                "  2026-02-14 workday 春节  ",
                "2026-12-31 WORKDAY 09:00-12:00 13:00-15:30 half a day off",
                "2026-12-24 workday 18:00-24:00",
                "2026-05-01 holiday");
        assertThat(data.coveredYears()).containsExactly(2026, 2027);
        assertThat(data.all()).extracting(DateOverride::date).containsExactly(LocalDate.of(2026, 2, 14),
                LocalDate.of(2026, 2, 15), LocalDate.of(2026, 2, 16), LocalDate.of(2026, 2, 17), LocalDate.of(2026, 5, 1),
                LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 31));
        assertThat(data.get(LocalDate.of(2026, 2, 16))).hasValue(DateOverride.holiday(LocalDate.of(2026, 2, 16), "春节"));
        assertThat(data.get(LocalDate.of(2026, 2, 14))).hasValue(DateOverride.workday(LocalDate.of(2026, 2, 14), "春节"));
        assertThat(data.get(LocalDate.of(2026, 12, 31))).hasValue(DateOverride.workday(LocalDate.of(2026, 12, 31),
                "half a day off", WorkingInterval.parse("09:00-12:00"), WorkingInterval.parse("13:00-15:30")));
        assertThat(data.get(LocalDate.of(2026, 12, 24)).orElseThrow().hours()).singleElement()
                .satisfies(h -> assertThat(h.endsAtMidnight()).isTrue());
        assertThat(data.get(LocalDate.of(2026, 5, 1)).orElseThrow().label()).isEmpty();
    }

    @Test
    void withoutAYearsLineTheDataCoversTheYearsOfItsDates() {
        assertThat(parse("2025-12-31..2026-01-01 holiday").coveredYears()).containsExactly(2025, 2026);
        assertThat(parse("# nothing").isEmpty()).isTrue();
        assertThat(parse("years 2030").coveredYears()).containsExactly(2030);
    }

    @Test
    void everyOverrideWritesTheLineItIsReadFrom() {
        DateOverrides china = DateOverrides.chinaMainland();
        String text = china.all().stream().map(DateOverride::toString).collect(Collectors.joining("\n", "years 2025 2026\n", "\n"));
        assertThat(DateOverrides.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))).isEqualTo(china);
        assertThat(DateOverride.workday(LocalDate.of(2026, 12, 24), "平安夜", WorkingInterval.parse("09:00-12:00")))
                .hasToString("2026-12-24 workday 09:00-12:00 平安夜");
    }

    @Test
    void aBadLineIsNamedWithItsRule() {
        assertThat(violationsOf(() -> parse("# header", "2026-02-15 vacation"))).containsExactly("line 2:kind");
        assertThat(violationsOf(() -> parse("2026-13-01 holiday"))).containsExactly("line 1:date");
        assertThat(violationsOf(() -> parse("2026-05-01"))).containsExactly("line 1:format");
        assertThat(violationsOf(() -> parse("years"))).containsExactly("line 1:format");
        assertThat(violationsOf(() -> parse("years 20x6"))).containsExactly("line 1:year");
        assertThat(violationsOf(() -> parse("10000-01-01 holiday"))).containsExactly("line 1:date");
        assertThat(violationsOf(() -> parse("2026-05-01 holiday 09:00-12:00"))).containsExactly("line 1:hours_on_holiday");
        assertThat(violationsOf(() -> parse("2026-05-09 workday 12:00-09:00"))).containsExactly("line 1:not_ordered");
        assertThat(violationsOf(() -> parse("2026-05-09 workday 09:00-12:00 11:00-13:00"))).containsExactly("line 1:overlapping");
        assertThat(violationsOf(() -> parse("2026-05-09 workday " + "名".repeat(51)))).containsExactly("line 1:too_long");
        assertThat(violationsOf(() -> parse("2026-01-01..2027-01-02 holiday"))).containsExactly("line 1:range_too_long");
    }

    @Test
    void aReversedRangeIsNamed() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> parse("years 2026", "2026-02-23..2026-02-15 holiday 春节"));
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("line 2");
            assertThat(v.code()).isEqualTo("reversed_range");
            assertThat(v.message()).contains("2026-02-23..2026-02-15");
        });
    }

    @Test
    void aDateGivenTwiceIsAConflictNamingBothLines() {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> parse(
                "2026-02-14 workday 春节",
                "2026-02-10..2026-02-20 holiday 春节"));
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("line 2");
            assertThat(v.code()).isEqualTo("conflict");
            assertThat(v.message()).contains("2026-02-14", "line 1");
        });
        assertThat(violationsOf(() -> parse("2026-10-01 holiday", "2026-10-01 holiday"))).as("even the same entry twice")
                .containsExactly("line 2:conflict");
    }

    @Test
    void everyBadLineIsReportedAtOnce() {
        assertThat(violationsOf(() -> parse(
                "years 2026",
                "2026-02-15 vacation",
                "2026-02-16 holiday",
                "2026-02-31 holiday",
                "2026-02-16 workday")))
                .containsExactly("line 2:kind", "line 4:date", "line 5:conflict");
    }

    @Test
    void overridesGivenAsValuesConflictToo() {
        LocalDate day = LocalDate.of(2026, 2, 14);
        assertThat(violationsOf(() -> DateOverrides.of(List.of(DateOverride.holiday(day, null), DateOverride.workday(day, null)))))
                .containsExactly("overrides[2026-02-14]:conflict");
        assertThat(violationsOf(() -> DateOverrides.chinaMainland().plus(DateOverrides.of(List.of(DateOverride.holiday(day, null))))))
                .containsExactly("overrides[2026-02-14]:conflict");
        assertThat(violationsOf(() -> DateOverrides.of(List.of(), List.of(0)))).containsExactly("coveredYears:year");
        assertThat(violationsOf(() -> DateOverride.holiday(day, "bad\u0007name"))).containsExactly("name:control_character");
        assertThat(DateOverrides.of(List.of(DateOverride.holiday(day, null))).coveredYears()).containsExactly(2026);
    }

    @Test
    void nullsAreRefusedByName() {
        assertThatThrownBy(() -> DateOverrides.parse((Reader) null)).isInstanceOf(NullPointerException.class).hasMessage("reader");
        assertThatThrownBy(() -> DateOverrides.chinaMainland().get(null)).isInstanceOf(NullPointerException.class).hasMessage("date");
        assertThatThrownBy(() -> DateOverride.holiday(null, "x")).isInstanceOf(NullPointerException.class).hasMessage("date");
    }
}
