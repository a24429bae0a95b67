package cn.govcloud.guard.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.calendar.ScheduleNotLoaded;
import cn.govcloud.guard.calendar.WorkingCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Properties of working-day deadlines over the loaded years (2024–2026), for any start instant and
 * any N: they chain, land on working days, never precede the start, and agree with a plain
 * day-by-day count, so the jump through prefix counts is the same arithmetic as counting by hand.
 */
class WorkingCalendarPropertiesUnitTests {
    /** 2024-01-01T00:00+08:00 … 2026-12-31T23:59:59+08:00 as epoch seconds. */
    private static final long FIRST = 1704038400L;
    private static final long LAST = 1798732799L;
    private final WorkingCalendar calendar = ScheduleFile.bundledCalendar();

    /** n then m more, counted from the first due day (the start day is not counted), equals n + m at once. */
    @Property
    void nThenMEqualsNPlusM(@ForAll @LongRange(min = FIRST, max = LAST) long second,
                            @ForAll @IntRange(min = 0, max = 300) int n, @ForAll @IntRange(min = 0, max = 300) int m) {
        Instant start = Instant.ofEpochSecond(second);
        Deadline direct = attempt(start, n + m);
        Assume.that(direct != null);
        Deadline first = calendar.afterWorkingDays(start, n);
        // any instant on the first due day: the next count starts the day after it
        Instant onDueDay = first.dueDate().atTime(LocalTime.NOON).atZone(WorkingCalendar.ZONE).toInstant();
        assertThat(calendar.afterWorkingDays(onDueDay, m)).isEqualTo(direct);
    }

    @Property
    void everyDueDateIsAWorkingDayAfterTheStartDay(@ForAll @LongRange(min = FIRST, max = LAST) long second,
                                                   @ForAll @IntRange(min = 1, max = 600) int n) {
        Instant start = Instant.ofEpochSecond(second);
        Deadline due = attempt(start, n);
        Assume.that(due != null);
        assertThat(calendar.isWorkingDay(due.dueDate())).isTrue();
        assertThat(due.dueDate()).isAfter(LocalDate.ofInstant(start, WorkingCalendar.ZONE));
    }

    @Property
    void theDeadlineNeverPrecedesTheStartAndEndsAtMidnightBeijingTime(
            @ForAll @LongRange(min = FIRST, max = LAST) long second, @ForAll @IntRange(min = 0, max = 600) int n) {
        Instant start = Instant.ofEpochSecond(second);
        Deadline due = attempt(start, n);
        Assume.that(due != null);
        assertThat(due.dueAt()).isAfter(start);
        assertThat(due.dueAt()).isEqualTo(due.dueDate().plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant());
        assertThat(due.passed(start)).isFalse();
    }

    /** The same result as walking day by day, for N up to two years of working days. */
    @Property
    void agreesWithCountingDayByDay(@ForAll @LongRange(min = FIRST, max = LAST) long second,
                                    @ForAll @IntRange(min = 0, max = 700) int n) {
        Instant start = Instant.ofEpochSecond(second);
        LocalDate expected = LocalDate.ofInstant(start, WorkingCalendar.ZONE);
        Integer missingYear = null;
        for (int counted = 0; counted < n; ) {
            expected = expected.plusDays(1);
            if (expected.getYear() > 2026) {
                missingYear = expected.getYear();
                break;
            }
            if (calendar.isWorkingDay(expected)) {
                counted++;
            }
        }
        if (missingYear != null) {
            Integer year = missingYear;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> calendar.afterWorkingDays(start, n))
                    .isInstanceOfSatisfying(ScheduleNotLoaded.class, e -> assertThat(e.year()).isEqualTo(year));
        } else {
            assertThat(calendar.afterWorkingDays(start, n).dueDate()).isEqualTo(expected);
        }
    }

    /** More working days never end earlier; one more always ends on a later day. */
    @Property
    void oneMoreWorkingDayEndsLater(@ForAll @LongRange(min = FIRST, max = LAST) long second,
                                    @ForAll @IntRange(min = 0, max = 500) int n) {
        Instant start = Instant.ofEpochSecond(second);
        Deadline later = attempt(start, n + 1);
        Assume.that(later != null);
        assertThat(later.dueDate()).isAfter(calendar.afterWorkingDays(start, n).dueDate());
    }

    private Deadline attempt(Instant start, int n) {
        try {
            return calendar.afterWorkingDays(start, n);
        } catch (ScheduleNotLoaded e) {
            assertThat(e.year()).isEqualTo(2027); // the only year a start in 2024–2026 can run into
            return null;
        }
    }
}
