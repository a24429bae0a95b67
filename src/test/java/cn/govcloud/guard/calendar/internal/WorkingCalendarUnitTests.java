package cn.govcloud.guard.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.calendar.Cadence;
import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.calendar.WorkingCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deadlines around every holiday block of 2025 and 2026 ("Working days" in REQUIREMENTS.md; A5.2:
 * 15 working days, A10.2: 5). Every expected date was counted by hand on a printed calendar against
 * the State Council's notices as the product's holidays-cn.json cites them (gov.cn
 * content_6986383 for 2025, content_7047091 for 2026), never by asking the code under test. The
 * start day is not counted; the deadline ends at 24:00 Beijing time.
 */
class WorkingCalendarUnitTests {
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private final WorkingCalendar calendar = ScheduleFile.bundledCalendar();

    @ParameterizedTest(name = "{3}: {0} + {1} working days → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # 2025 元旦: Jan 1 (Wed) off, no make-up day
            2024-12-31T10:00+08:00 | 1 | 2025-01-02 | day before 元旦, across the year
            2024-12-31T10:00+08:00 | 3 | 2025-01-06 | Jan 2, 3, then Monday
            2025-01-01T09:00+08:00 | 1 | 2025-01-02 | on 元旦
            2024-12-30T20:00Z      | 1 | 2025-01-02 | 20:00 UTC is Dec 31 04:00 in Beijing
            # 2025 春节: Jan 28 (Tue) – Feb 4 (Tue) off; make-up Sunday Jan 26 and Saturday Feb 8
            2025-01-24T16:00+08:00 | 1 | 2025-01-26 | Friday before: the make-up Sunday counts
            2025-01-24T16:00+08:00 | 2 | 2025-01-27 | then Monday
            2025-01-24T16:00+08:00 | 3 | 2025-02-05 | the whole block skipped
            2025-01-25T10:00+08:00 | 1 | 2025-01-26 | on the Saturday before the make-up Sunday
            2025-01-27T17:00+08:00 | 1 | 2025-02-05 | last working day before 春节
            2025-01-30T10:00+08:00 | 5 | 2025-02-10 | inside 春节: Feb 5, 6, 7, Sat 8, Mon 10
            2025-02-08T10:00+08:00 | 1 | 2025-02-10 | on the make-up Saturday: Sunday is off
            # 2025 清明: Apr 4 (Fri) – Apr 6 (Sun)
            2025-04-03T10:00+08:00 | 1 | 2025-04-07 | day before 清明
            2025-04-03T10:00+08:00 | 5 | 2025-04-11 | A10.2 five working days
            # 2025 劳动节: May 1 (Thu) – May 5 (Mon); make-up Sunday Apr 27
            2025-04-25T10:00+08:00 | 1 | 2025-04-27 | Friday before the make-up Sunday
            2025-04-25T10:00+08:00 | 5 | 2025-05-06 | Apr 27, 28, 29, 30, May 6
            2025-04-30T18:00+08:00 | 1 | 2025-05-06 | day before 劳动节
            2025-05-02T10:00+08:00 | 15 | 2025-05-26 | A5.2 fifteen working days from inside the block
            # 2025 端午: May 31 (Sat) – Jun 2 (Mon)
            2025-05-30T10:00+08:00 | 1 | 2025-06-03 | day before 端午
            2025-05-29T10:00+08:00 | 2 | 2025-06-03 | May 30, Jun 3
            # 2025 国庆、中秋: Oct 1 (Wed) – Oct 8 (Wed); make-up Sunday Sep 28 and Saturday Oct 11
            2025-09-26T10:00+08:00 | 1 | 2025-09-28 | Friday before the make-up Sunday
            2025-09-30T10:00+08:00 | 1 | 2025-10-09 | day before 国庆
            2025-09-30T10:00+08:00 | 3 | 2025-10-11 | Oct 9, 10, make-up Saturday 11
            2025-09-30T10:00+08:00 | 4 | 2025-10-13 | then Monday
            2025-09-30T17:30:00Z   | 1 | 2025-10-09 | 17:30 UTC is already Oct 1 in Beijing
            2025-09-30T17:30:00Z   | 5 | 2025-10-14 | Oct 9, 10, 11, 13, 14
            2025-10-11T10:00+08:00 | 1 | 2025-10-13 | on the make-up Saturday
            2025-09-27T15:59:59Z   | 1 | 2025-09-28 | Saturday 23:59:59 in Beijing: Sunday is the make-up day
            2025-09-27T16:00:00Z   | 1 | 2025-09-29 | Sunday 00:00 in Beijing: the make-up day is the start day
            # 2026 元旦: Jan 1 (Thu) – Jan 3 (Sat); make-up Sunday Jan 4
            2025-12-31T10:00+08:00 | 1 | 2026-01-04 | day before 元旦: the make-up Sunday
            2025-12-31T10:00+08:00 | 2 | 2026-01-05 | then Monday
            2025-12-30T16:30:00Z   | 1 | 2026-01-04 | Dec 31 00:30 in Beijing
            2025-12-31T16:30:00Z   | 1 | 2026-01-04 | already Jan 1 in Beijing
            2026-01-04T10:00+08:00 | 1 | 2026-01-05 | on the make-up Sunday
            2025-12-29T10:00+08:00 | 5 | 2026-01-06 | Dec 30, 31, Jan 4, 5, 6
            # 2026 春节: Feb 15 (Sun) – Feb 23 (Mon); make-up Saturdays Feb 14 and Feb 28
            2026-02-13T10:00+08:00 | 1 | 2026-02-14 | Friday before: the make-up Saturday
            2026-02-13T10:00+08:00 | 2 | 2026-02-24 | the whole block skipped
            2026-02-14T10:00+08:00 | 1 | 2026-02-24 | on the make-up Saturday
            2026-02-18T10:00+08:00 | 5 | 2026-02-28 | inside 春节: Feb 24, 25, 26, 27, Sat 28
            2026-02-18T10:00+08:00 | 6 | 2026-03-02 | then Monday
            2026-02-12T10:00+08:00 | 15 | 2026-03-11 | A5.2 fifteen working days across 春节
            # 2026 清明: Apr 4 (Sat) – Apr 6 (Mon)
            2026-04-03T10:00+08:00 | 1 | 2026-04-07 | day before 清明
            2026-04-04T10:00+08:00 | 1 | 2026-04-07 | on 清明
            # 2026 劳动节: May 1 (Fri) – May 5 (Tue); make-up Saturday May 9
            2026-04-30T10:00+08:00 | 1 | 2026-05-06 | day before 劳动节
            2026-04-30T10:00+08:00 | 4 | 2026-05-09 | May 6, 7, 8, make-up Saturday 9
            2026-04-30T10:00+08:00 | 5 | 2026-05-11 | then Monday
            2026-05-09T10:00+08:00 | 1 | 2026-05-11 | on the make-up Saturday
            # 2026 端午: Jun 19 (Fri) – Jun 21 (Sun)
            2026-06-18T10:00+08:00 | 1 | 2026-06-22 | day before 端午
            # 2026 中秋: Sep 25 (Fri) – Sep 27 (Sun), make-up Sunday Sep 20; 国庆: Oct 1 (Thu) – Oct 7 (Wed), make-up Saturday Oct 10
            2026-09-18T10:00+08:00 | 1 | 2026-09-20 | Friday before the make-up Sunday
            2026-09-24T10:00+08:00 | 1 | 2026-09-28 | day before 中秋
            2026-09-24T10:00+08:00 | 15 | 2026-10-22 | A5.2 across 中秋 and 国庆
            2026-09-30T10:00+08:00 | 1 | 2026-10-08 | day before 国庆
            2026-09-30T17:30:00Z   | 1 | 2026-10-08 | 17:30 UTC is already Oct 1 in Beijing
            2026-09-30T17:30:00Z   | 3 | 2026-10-10 | Oct 8, 9, make-up Saturday 10
            2026-09-30T17:30:00Z   | 5 | 2026-10-13 | Oct 8, 9, 10, 12, 13
            2026-09-29T15:30:00Z   | 1 | 2026-09-30 | Sep 29 23:30 in Beijing
            2026-09-29T16:30:00Z   | 1 | 2026-10-08 | Sep 30 00:30 in Beijing
            2026-10-10T10:00+08:00 | 1 | 2026-10-12 | on the make-up Saturday
            # long spans: 2025 and 2026 have 248 working days each (365 − 104 weekend days − 18 / 19 weekday holidays + 5 / 6 make-up days)
            2024-12-31T10:00+08:00 | 248 | 2025-12-31 | all of 2025
            2024-12-31T10:00+08:00 | 249 | 2026-01-04 | one more: the make-up Sunday of 2026
            2024-12-31T10:00+08:00 | 496 | 2026-12-31 | all of 2025 and 2026
            """)
    void workingDays(String start, int workingDays, LocalDate dueDate, String why) {
        Deadline due = calendar.afterWorkingDays(OffsetDateTime.parse(start).toInstant(), workingDays);
        assertThat(due.dueDate()).as(why).isEqualTo(dueDate);
        assertThat(due.dueAt()).as("24:00 Beijing time of the due day").isEqualTo(endOf(dueDate));
    }

    @ParameterizedTest(name = "{0} is a working day: {1}")
    @CsvSource({
            "2025-01-01, false", "2025-01-26, true", "2025-02-08, true", "2025-02-09, false", "2025-02-04, false",
            "2025-04-27, true", "2025-05-05, false", "2025-09-28, true", "2025-10-08, false", "2025-10-11, true",
            "2026-01-04, true", "2026-02-14, true", "2026-02-23, false", "2026-02-28, true", "2026-05-09, true",
            "2026-09-20, true", "2026-09-25, false", "2026-10-10, true", "2026-10-07, false", "2026-10-09, true",
            "2026-03-07, false", "2026-03-09, true"})
    void holidaysAreOffMakeUpWeekendDaysAreOn(LocalDate day, boolean working) {
        assertThat(calendar.isWorkingDay(day)).isEqualTo(working);
    }

    @Test
    void zeroWorkingDaysEndsWithTheStartDayEvenOnAHoliday() {
        Deadline due = calendar.afterWorkingDays(Instant.parse("2026-09-30T17:30:00Z"), 0);
        assertThat(due.dueDate()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(due.dueAt()).isEqualTo(Instant.parse("2026-10-01T16:00:00Z"));
    }

    @Test
    void aYearWithoutItsNoticeIsCountedMondayToFridayAndMarkedProvisional() {
        // 2027 is not loaded: Tue 5 January + 1 is Wed 6 January, counted Monday to Friday, naming 2027
        Deadline due = calendar.afterWorkingDays(Instant.parse("2027-01-05T02:00:00Z"), 1);
        assertThat(due.dueDate()).isEqualTo(LocalDate.of(2027, 1, 6));
        assertThat(due.provisional()).isTrue();
        assertThat(due.missingYears()).containsExactly(2027);
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 3, 1))).isTrue(); // a Monday
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 3, 6))).isFalse(); // a Saturday
        // 0 working days count no day: the end of the start day, exact even in an unloaded year
        Deadline zero = calendar.afterWorkingDays(Instant.parse("2026-12-31T16:00:00Z"), 0);
        assertThat(zero.dueDate()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(zero.provisional()).isFalse();
        // a year before the first loaded one is missing too
        Deadline early = calendar.afterWorkingDays(Instant.parse("2023-12-28T02:00:00Z"), 1);
        assertThat(early.dueDate()).isEqualTo(LocalDate.of(2023, 12, 29));
        assertThat(early.missingYears()).containsExactly(2023);
    }

    @Test
    void aSpanRunningIntoAnUnloadedYearIsProvisionalAndNamesThatYear() {
        // Dec 30 2026 (Wed) + 1 is Dec 31 (Thu), still 2026 and exact; + 2 is Fri 1 January 2027, counted as a weekday
        Deadline exact = calendar.afterWorkingDays(Instant.parse("2026-12-30T02:00:00Z"), 1);
        assertThat(exact.dueDate()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(exact.provisional()).isFalse();
        Deadline into2027 = calendar.afterWorkingDays(Instant.parse("2026-12-30T02:00:00Z"), 2);
        assertThat(into2027.dueDate()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(into2027.missingYears()).containsExactly(2027);
        // Monday 28 December 2026 + 5 (A10.2): Tue 29, Wed 30, Thu 31, then Fri 1 and Mon 4 January 2027
        assertThat(calendar.afterWorkingDays(Instant.parse("2026-12-28T02:00:00Z"), 5).dueDate()).isEqualTo(LocalDate.of(2027, 1, 4));
        // a span across two unloaded years names both
        Deadline long2 = calendar.afterWorkingDays(Instant.parse("2026-12-01T02:00:00Z"), 300);
        assertThat(long2.missingYears()).containsExactly(2027, 2028);
        // a start on 31 December counts no day of its own year
        assertThat(calendar.afterWorkingDays(Instant.parse("2027-12-31T02:00:00Z"), 1).missingYears()).containsExactly(2028);
    }

    @Test
    void calendarDaysAndMinutesNeedNoSchedule() {
        // Oct 1 + 90 days: Oct 31, Nov 30, Dec 30 (A5.6)
        assertThat(calendar.afterCalendarDays(Instant.parse("2026-09-30T17:30:00Z"), 90))
                .isEqualTo(new Deadline(LocalDate.of(2026, 12, 30), Instant.parse("2026-12-30T16:00:00Z")));
        assertThat(calendar.afterCalendarDays(Instant.parse("2026-12-20T02:00:00Z"), 30).dueDate()).isEqualTo(LocalDate.of(2027, 1, 19));
        // A10.4: 30 minutes, exact; 01:30 + 30 min in Beijing is still Oct 1
        assertThat(calendar.afterMinutes(Instant.parse("2026-09-30T17:30:00Z"), 30))
                .isEqualTo(new Deadline(LocalDate.of(2026, 10, 1), Instant.parse("2026-09-30T18:00:00Z")));
        assertThat(calendar.afterMinutes(Instant.parse("2026-09-30T15:45:00Z"), 30).dueDate()).isEqualTo(LocalDate.of(2026, 10, 1));
    }

    @Test
    void byDayOfNextMonthClampsToTheMonthsLength() {
        assertThat(calendar.byDayOfNextMonth(Instant.parse("2026-01-15T02:00:00Z"), 31).dueDate()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(calendar.byDayOfNextMonth(Instant.parse("2024-01-20T02:00:00Z"), 31).dueDate()).isEqualTo(LocalDate.of(2024, 2, 29));
        // Jan 31 16:30 UTC is Feb 1 in Beijing, so the next month is March
        assertThat(calendar.byDayOfNextMonth(Instant.parse("2026-01-31T16:30:00Z"), 10))
                .isEqualTo(new Deadline(LocalDate.of(2026, 3, 10), Instant.parse("2026-03-10T16:00:00Z")));
        assertThat(calendar.byDayOfNextMonth(Instant.parse("2026-12-05T02:00:00Z"), 10).dueDate()).isEqualTo(LocalDate.of(2027, 1, 10));
    }

    @ParameterizedTest(name = "{0} {1}: period {2} … {3}")
    @CsvSource({
            "2026-05-13T10:00+08:00, DAILY, 2026-05-13, 2026-05-13",
            "2026-05-13T10:00+08:00, WEEKLY, 2026-05-11, 2026-05-17",
            "2026-05-17T23:59+08:00, WEEKLY, 2026-05-11, 2026-05-17",
            "2026-05-13T10:00+08:00, MONTHLY, 2026-05-01, 2026-05-31",
            "2026-05-13T10:00+08:00, QUARTERLY, 2026-04-01, 2026-06-30",
            "2026-05-13T10:00+08:00, HALF_YEARLY, 2026-01-01, 2026-06-30",
            "2026-05-13T10:00+08:00, YEARLY, 2026-01-01, 2026-12-31",
            "2026-08-20T10:00+08:00, QUARTERLY, 2026-07-01, 2026-09-30",
            "2026-08-20T10:00+08:00, HALF_YEARLY, 2026-07-01, 2026-12-31",
            "2026-12-30T10:00+08:00, WEEKLY, 2026-12-28, 2027-01-03",
            "2026-09-30T17:30:00Z, MONTHLY, 2026-10-01, 2026-10-31",
            "2026-09-30T17:30:00Z, QUARTERLY, 2026-10-01, 2026-12-31",
            "2024-02-10T10:00+08:00, MONTHLY, 2024-02-01, 2024-02-29"})
    void periods(String start, Cadence cadence, LocalDate first, LocalDate last) {
        Instant at = OffsetDateTime.parse(start).toInstant();
        assertThat(calendar.periodStart(LocalDate.ofInstant(at, WorkingCalendar.ZONE), cadence)).isEqualTo(first);
        assertThat(calendar.endOfPeriod(at, cadence)).isEqualTo(new Deadline(last, endOf(last)));
    }

    @Test
    void theProductDataHasTheThreePublishedYears() {
        assertThat(calendar.loadedYears()).containsExactly(2024, 2025, 2026);
        assertThat(ScheduleFile.bundled().source()).contains("gov.cn");
    }

    private static Instant endOf(LocalDate day) {
        return OffsetDateTime.of(day.plusDays(1), LocalTime.MIDNIGHT, BEIJING).toInstant();
    }
}
