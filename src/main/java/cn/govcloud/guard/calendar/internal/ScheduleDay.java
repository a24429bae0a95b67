package cn.govcloud.guard.calendar.internal;

import java.time.LocalDate;
import java.util.Objects;

/** One day the State Council's notice names: a holiday (day off) or a make-up working day (调休上班). */
public record ScheduleDay(LocalDate date, String name) {
    public ScheduleDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(name, "name");
    }
}
