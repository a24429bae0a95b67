package cn.govcloud.guard.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Deadline arithmetic on the Chinese working-day calendar, as REQUIREMENTS.md ("Working days")
 * defines it. Nothing here ever refuses for want of a holiday schedule: in a year whose notice is not
 * loaded Monday to Friday are working days, and a working-day deadline that counted through such a
 * year comes back {@linkplain Deadline#provisional() provisional}, naming the year. When the year is
 * loaded, {@link ProvisionalDeadlines} recompute what was stored.
 */
public interface WorkingCalendar {

    /** Working days, holidays and deadlines are counted in the city's zone, whatever zone the server runs in. */
    ZoneId ZONE = cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE;

    /**
     * Holidays are not working days, 调休 make-up weekend days are, other weekend days are not; in a
     * year that is not loaded, Monday to Friday are.
     */
    boolean isWorkingDay(LocalDate day);

    /**
     * N working days after {@code start}: the day of {@code start} (Shanghai) is not counted, the
     * deadline ends at 24:00 of the Nth working day after it (A10.2: 5, A5.2: 15). n ≥ 0; with 0
     * the deadline is the end of the start day.
     */
    Deadline afterWorkingDays(Instant start, int workingDays);

    /** N calendar days after the start day, ending at 24:00 of that day (A5.6: 90 days). */
    Deadline afterCalendarDays(Instant start, int calendarDays);

    /** Exactly N minutes after {@code start} (A10.4: 30 minutes). */
    Deadline afterMinutes(Instant start, long minutes);

    /** By the end of day {@code dayOfMonth} of the month after the one {@code start} falls in (clamped to the month's length). */
    Deadline byDayOfNextMonth(Instant start, int dayOfMonth);

    /** By the end of the period of the given cadence that {@code start} falls in (end of the day, month, half-year, …). */
    Deadline endOfPeriod(Instant start, Cadence cadence);

    /** The first day of the period of the given cadence that contains {@code day} (weeks start on Monday). */
    LocalDate periodStart(LocalDate day, Cadence cadence);

    /** The years whose schedule is loaded, ascending. */
    java.util.SortedSet<Integer> loadedYears();

    default boolean isLoaded(int year) {
        return loadedYears().contains(year);
    }
}
