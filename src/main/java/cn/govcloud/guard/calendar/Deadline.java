package cn.govcloud.guard.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * When something is due: the day (Asia/Shanghai) and the instant it ends. For day-based
 * deadlines {@code dueAt} is 24:00 of {@code dueDate} in Asia/Shanghai, i.e. the next day's
 * 00:00 (+08:00): the duty is overdue from that instant on. For minute deadlines
 * {@code dueAt} is exact and {@code dueDate} is the Shanghai day it falls on.
 *
 * <p>{@code missingYears} are the years a working-day count crossed whose holiday schedule is not
 * loaded; in them Monday to Friday were counted, and the deadline is <em>provisional</em> until they
 * are loaded ("Working days" in REQUIREMENTS.md). Empty for an exact deadline.
 */
public record Deadline(LocalDate dueDate, Instant dueAt, SortedSet<Integer> missingYears) {

    public Deadline {
        missingYears = Collections.unmodifiableSortedSet(new TreeSet<>(missingYears));
    }

    /** An exact deadline: nothing in it was guessed. */
    public Deadline(LocalDate dueDate, Instant dueAt) {
        this(dueDate, dueAt, new TreeSet<>());
    }

    /** 24:00 of {@code day} in the city's zone (Asia/Shanghai), i.e. the next day's 00:00 (+08:00). */
    public static Deadline endOf(LocalDate day) {
        return new Deadline(day, day.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant());
    }

    /** Counted Monday to Friday in at least one year whose holiday notice is not loaded. */
    public boolean provisional() {
        return !missingYears.isEmpty();
    }

    public boolean passed(Instant now) {
        return !now.isBefore(dueAt);
    }
}
