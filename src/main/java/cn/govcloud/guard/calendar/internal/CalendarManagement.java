package cn.govcloud.guard.calendar.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.shared.Actor;
import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * The security administrator loads a year's holiday notice (from the page or the API): validated
 * whole, stored whole (added, or replacing the loaded one), audited, and in use on this node at once.
 */
@Service
public class CalendarManagement {
    public static final String AUDIT_ACTION = "calendar.year.load";
    private final CalendarYears years;
    private final LoadedWorkingCalendar calendar;
    private final AuditLog auditLog;
    private final Clock clock;

    CalendarManagement(CalendarYears years, LoadedWorkingCalendar calendar, AuditLog auditLog, Clock clock) {
        this.years = years;
        this.calendar = calendar;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** What loading did, for the answer and the page's confirmation (a flash attribute: sessions live in the database). */
    public record Loaded(int year, boolean replaced, int holidays, int workdays, int previousHolidays, int previousWorkdays)
            implements java.io.Serializable {
    }

    /**
     * Loads one year.
     *
     * @param source how it came, e.g. {@code API} or {@code upload 2027.json}
     * @throws InvalidSchedule with every problem when anything is wrong; nothing is changed then
     */
    public Loaded load(int year, YearEntry entry, String source) {
        YearSchedule schedule = ScheduleValidation.validate(year, entry);
        String by = Actor.current().map(Actor::username).orElse(BundledSchedules.LOADED_BY);
        CalendarYears.Outcome outcome = years.store(schedule, source, by, clock.instant());
        calendar.refresh();
        Loaded loaded = new Loaded(year, outcome.replaced(), schedule.holidays().size(), schedule.workdays().size(),
                outcome.previousHolidays(), outcome.previousWorkdays());
        String detail = (loaded.replaced() ? "replaced " + year + " (was " + loaded.previousHolidays() + " holidays, "
                + loaded.previousWorkdays() + " make-up working days) with " : "added " + year + ": ")
                + loaded.holidays() + " holidays, " + loaded.workdays() + " make-up working days; paper " + schedule.paper()
                + "; source " + source;
        auditLog.record(AuditEvent.success(AUDIT_ACTION, "calendar_year:" + year, detail));
        return loaded;
    }
}
