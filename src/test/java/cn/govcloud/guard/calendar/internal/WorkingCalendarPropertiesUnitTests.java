package cn.govcloud.guard.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.calendar.Deadline;
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
        Deadline rest = calendar.afterWorkingDays(onDueDay, m);
        assertThat(rest.dueAt()).isEqualTo(direct.dueAt());
        // provisional when either part counted through an unloaded year
        assertThat(rest.provisional() || first.provisional()).isEqualTo(direct.provisional());
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
        boolean reached2027 = false;
        for (int counted = 0; counted < n; ) {
            expected = expected.plusDays(1);
            reached2027 |= expected.getYear() > 2026;
            // beyond 2026 nothing is loaded: Monday to Friday, as REQUIREMENTS.md's "Working days" says
            boolean working = expected.getYear() > 2026 ? expected.getDayOfWeek().getValue() <= 5 : calendar.isWorkingDay(expected);
            if (working) {
                counted++;
            }
        }
        Deadline due = calendar.afterWorkingDays(start, n);
        assertThat(due.dueDate()).isEqualTo(expected);
        assertThat(due.provisional()).isEqualTo(reached2027);
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
        return calendar.afterWorkingDays(start, n);
    }
}
