package cn.govcloud.guard.calendar.internal;

import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.calendar.WorkingCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The deadline arithmetic on a fixed set of loaded years, immutable and without Spring, so tests and
 * benchmarks build it straight from the schedule file. Working-day deadlines cost a lookup per year
 * crossed plus one binary search (≈ 9 steps), whatever N is; calendar-day, minute, next-month and
 * period deadlines need no schedule at all (they are {@link WorkingCalendar}'s own). A year that is not loaded is counted Monday to Friday and
 * named in the deadline's {@code missingYears} (provisional), never refused.
 */
public final class ChineseCalendar implements WorkingCalendar {
    public static final ChineseCalendar EMPTY = of(java.util.List.of());

    /** Indexed by {@code year - firstYear}; null where a year in between is not loaded. */
    private final YearTable[] tables;
    private final int firstYear;
    private final SortedSet<Integer> loaded;

    private ChineseCalendar(YearTable[] tables, int firstYear, SortedSet<Integer> loaded) {
        this.tables = tables;
        this.firstYear = firstYear;
        this.loaded = Collections.unmodifiableSortedSet(loaded);
    }

    public static ChineseCalendar of(Collection<YearSchedule> schedules) {
        SortedSet<Integer> years = new TreeSet<>();
        schedules.forEach(s -> years.add(s.year()));
        if (years.isEmpty()) {
            return new ChineseCalendar(new YearTable[0], 0, years);
        }
        int first = years.first();
        YearTable[] tables = new YearTable[years.last() - first + 1];
        for (YearSchedule s : schedules) {
            tables[s.year() - first] = YearTable.of(s);
        }
        return new ChineseCalendar(tables, first, years);
    }

    @Override
    public boolean isWorkingDay(LocalDate day) {
        return table(day.getYear(), new TreeSet<>()).isWorking(day);
    }

    @Override
    public Deadline afterWorkingDays(Instant start, int workingDays) {
        if (workingDays < 0) {
            throw new IllegalArgumentException("workingDays must not be negative: " + workingDays);
        }
        LocalDate startDay = day(start);
        if (workingDays == 0) {
            return Deadline.endOf(startDay); // the end of the start day: no working day is counted, nothing is guessed
        }
        SortedSet<Integer> missing = new TreeSet<>();
        YearTable table = table(startDay.getYear(), missing);
        // count in the start year's coordinates: the working days up to the start day are already "used"
        long target = (long) table.workingDaysThrough(startDay) + workingDays;
        while (target > table.total()) {
            target -= table.total();
            table = table(table.year() + 1, missing);
        }
        LocalDate due = table.nthWorkingDay((int) target);
        if (startDay.getMonthValue() == 12 && startDay.getDayOfMonth() == 31) {
            missing.remove(startDay.getYear()); // no day of the start year was counted
        }
        return new Deadline(due, Deadline.endOf(due).dueAt(), missing);
    }

    @Override
    public SortedSet<Integer> loadedYears() {
        return loaded;
    }

    /** The day (Asia/Shanghai) an instant falls on. */
    public static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /** The year's table; for a year that is not loaded, Monday to Friday, and the year is added to {@code missing}. */
    private YearTable table(int year, SortedSet<Integer> missing) {
        int index = year - firstYear;
        YearTable table = index >= 0 && index < tables.length ? tables[index] : null;
        if (table == null) {
            missing.add(year);
            return YearTable.weekdays(year);
        }
        return table;
    }
}
