package cn.govcloud.guard.calendar.internal;

import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.calendar.WorkingCalendar;
import java.time.Instant;

/**
 * The three deadline forms the deadline endpoint and the page's calculator offer, by their query
 * parameter names, with an upper bound on N that no duty of the Measures comes near.
 */
public enum DeadlineKind {
    WORKING_DAYS("workingDays", 10_000),
    CALENDAR_DAYS("calendarDays", 36_600),
    MINUTES("minutes", 52_704_000);

    private final String parameter;
    private final long max;

    DeadlineKind(String parameter, long max) {
        this.parameter = parameter;
        this.max = max;
    }

    public String parameter() {
        return parameter;
    }

    public long max() {
        return max;
    }

    public static DeadlineKind ofParameter(String parameter) {
        for (DeadlineKind kind : values()) {
            if (kind.parameter.equals(parameter)) {
                return kind;
            }
        }
        return null;
    }

    /**
     * The deadline (API.md): a working-day span that runs through a year whose notice is not loaded
     * is counted Monday to Friday there and comes back provisional, naming the year.
     */
    public Deadline compute(WorkingCalendar calendar, Instant start, long n) {
        return switch (this) {
            case WORKING_DAYS -> calendar.afterWorkingDays(start, Math.toIntExact(n));
            case CALENDAR_DAYS -> calendar.afterCalendarDays(start, Math.toIntExact(n));
            case MINUTES -> calendar.afterMinutes(start, n);
        };
    }
}
