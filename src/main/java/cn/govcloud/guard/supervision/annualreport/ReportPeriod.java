package cn.govcloud.guard.supervision.annualreport;

import cn.govcloud.guard.calendar.WorkingCalendar;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The stretch of time one year's figures count, in Beijing time and in whole days: the whole year once it has ended, up to
 * the end of today while it runs. The previous year's figures count the same days a year earlier (上年同期), so a year in
 * progress is never set against a whole year.
 */
record ReportPeriod(int year, Instant from, Instant to, boolean inProgress) {

    static ReportPeriod of(int year, Instant now) {
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(WorkingCalendar.ZONE).toInstant();
        Instant end = LocalDate.of(year + 1, 1, 1).atStartOfDay(WorkingCalendar.ZONE).toInstant();
        boolean running = now.isBefore(end);
        Instant endOfToday = LocalDate.ofInstant(now, WorkingCalendar.ZONE).plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant();
        return new ReportPeriod(year, from, running ? endOfToday : end, running);
    }

    ReportPeriod previous() {
        LocalDate lastDay = lastDay().minusYears(1);
        Instant from = LocalDate.of(year - 1, 1, 1).atStartOfDay(WorkingCalendar.ZONE).toInstant();
        return new ReportPeriod(year - 1, from, lastDay.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant(), inProgress);
    }

    LocalDate firstDay() {
        return LocalDate.of(year, 1, 1);
    }

    /** The last day counted (the day of {@code to}, or 31 December). */
    LocalDate lastDay() {
        return to.minusNanos(1).atZone(WorkingCalendar.ZONE).toLocalDate();
    }
}
