package cn.govcloud.guard.calendar;

import java.time.Instant;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
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

    /** N calendar days after the start day, ending at 24:00 of that day (A5.6: 90 days). No schedule is needed. */
    default Deadline afterCalendarDays(Instant start, int calendarDays) {
        if (calendarDays < 0) {
            throw new IllegalArgumentException("calendarDays must not be negative: " + calendarDays);
        }
        return Deadline.endOf(day(start).plusDays(calendarDays));
    }

    /** Exactly N minutes after {@code start} (A10.4: 30 minutes). */
    default Deadline afterMinutes(Instant start, long minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("minutes must not be negative: " + minutes);
        }
        Instant due = start.plus(java.time.Duration.ofMinutes(minutes));
        return new Deadline(day(due), due);
    }

    /** By the end of day {@code dayOfMonth} of the month after the one {@code start} falls in (clamped to the month's length). */
    default Deadline byDayOfNextMonth(Instant start, int dayOfMonth) {
        if (dayOfMonth < 1 || dayOfMonth > 31) {
            throw new IllegalArgumentException("dayOfMonth must be between 1 and 31: " + dayOfMonth);
        }
        YearMonth next = YearMonth.from(day(start)).plusMonths(1);
        return Deadline.endOf(next.atDay(Math.min(dayOfMonth, next.lengthOfMonth())));
    }

    /** By the end of the period of the given cadence that {@code start} falls in (end of the day, month, half-year, …). */
    default Deadline endOfPeriod(Instant start, Cadence cadence) {
        LocalDate first = periodStart(day(start), cadence);
        LocalDate last = switch (cadence) {
            case DAILY -> first;
            case WEEKLY -> first.plusDays(6);
            case MONTHLY -> first.plusMonths(1).minusDays(1);
            case QUARTERLY -> first.plusMonths(3).minusDays(1);
            case HALF_YEARLY -> first.plusMonths(6).minusDays(1);
            case YEARLY -> first.plusYears(1).minusDays(1);
        };
        return Deadline.endOf(last);
    }

    /** The first day of the period of the given cadence that contains {@code day} (weeks start on Monday). */
    default LocalDate periodStart(LocalDate day, Cadence cadence) {
        return switch (cadence) {
            case DAILY -> day;
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1);
            case QUARTERLY -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
            case HALF_YEARLY -> LocalDate.of(day.getYear(), day.getMonthValue() <= 6 ? 1 : 7, 1);
            case YEARLY -> LocalDate.of(day.getYear(), 1, 1);
        };
    }

    /** The years whose schedule is loaded, ascending. */
    java.util.SortedSet<Integer> loadedYears();

    default boolean isLoaded(int year) {
        return loadedYears().contains(year);
    }

    /** The day (the city's zone) an instant falls on. */
    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }
}
