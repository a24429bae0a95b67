package cn.govcloud.guard.calendar.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * One loaded year compiled for arithmetic: whether each day is a working day, and how many working
 * days the year has up to each day. "The k-th working day of the year" is then a binary search and
 * "N working days after" jumps whole years, never walking day by day.
 */
final class YearTable {
    private final int year;
    private final LocalDate first;
    private final boolean[] working;
    /** {@code cumulative[i]}: working days among the first {@code i} days of the year; {@code cumulative[0] = 0}. */
    private final int[] cumulative;

    private YearTable(int year, boolean[] working) {
        this.year = year;
        this.first = LocalDate.of(year, 1, 1);
        this.working = working;
        this.cumulative = new int[working.length + 1];
        for (int i = 0; i < working.length; i++) {
            cumulative[i + 1] = cumulative[i] + (working[i] ? 1 : 0);
        }
    }

    /** Holidays are off, make-up days are on, otherwise Monday to Friday are working days. */
    static YearTable of(YearSchedule schedule) {
        LocalDate first = LocalDate.of(schedule.year(), 1, 1);
        boolean[] working = new boolean[first.lengthOfYear()];
        for (int i = 0; i < working.length; i++) {
            DayOfWeek dow = first.plusDays(i).getDayOfWeek();
            working[i] = dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
        }
        for (ScheduleDay holiday : schedule.holidays()) {
            working[holiday.date().getDayOfYear() - 1] = false;
        }
        for (ScheduleDay workday : schedule.workdays()) {
            working[workday.date().getDayOfYear() - 1] = true;
        }
        return new YearTable(schedule.year(), working);
    }

    private static final java.util.concurrent.ConcurrentMap<Integer, YearTable> WEEKDAYS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A year whose notice is not loaded, counted Monday to Friday (provisional deadlines). Shared:
     * it depends on nothing but the year, and only years a deadline actually reached are built.
     */
    static YearTable weekdays(int year) {
        if (year < 1900 || year > 2200) { // not kept: no request can fill the memory with far-off years
            return of(new YearSchedule(year, "Monday to Friday", java.util.List.of(), java.util.List.of()));
        }
        return WEEKDAYS.computeIfAbsent(year, y -> of(new YearSchedule(y, "Monday to Friday", java.util.List.of(), java.util.List.of())));
    }

    int year() {
        return year;
    }

    boolean isWorking(LocalDate day) {
        return working[day.getDayOfYear() - 1];
    }

    /** Working days from January 1st up to and including {@code day}. */
    int workingDaysThrough(LocalDate day) {
        return cumulative[day.getDayOfYear()];
    }

    int total() {
        return cumulative[working.length];
    }

    /** The k-th working day of the year, 1 ≤ k ≤ {@link #total()}: the first day whose running count reaches k. */
    LocalDate nthWorkingDay(int k) {
        if (k < 1 || k > total()) {
            throw new IllegalArgumentException(k + " is not between 1 and " + total());
        }
        int low = 1;
        int high = working.length; // cumulative[high] >= k holds; find the lowest such index
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] >= k) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return first.plusDays(low - 1L);
    }
}
