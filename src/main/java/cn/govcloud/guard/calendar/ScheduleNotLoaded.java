package cn.govcloud.guard.calendar;

import cn.govcloud.guard.shared.Unprocessable;

/** A computation needed a year whose holiday schedule is not loaded: it is reported, never guessed. */
public class ScheduleNotLoaded extends Unprocessable {
    private final int year;

    public ScheduleNotLoaded(int year) {
        super("The holiday schedule for " + year + " is not loaded; the security administrator must load it before deadlines in "
                + year + " can be computed.");
        this.year = year;
    }

    public int year() {
        return year;
    }
}
