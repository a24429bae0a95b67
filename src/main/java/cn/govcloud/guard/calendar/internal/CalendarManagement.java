package cn.govcloud.guard.calendar.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.ProvisionalDeadlines;
import cn.govcloud.guard.calendar.ProvisionalDeadlines.Recomputed;
import cn.govcloud.guard.shared.Actor;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The security administrator loads a year's holiday notice (from the page or the API): validated
 * whole, stored whole (added, or replacing the loaded one), audited, in use on this node at once,
 * and every open provisional deadline that reaches the year recomputed in the same transaction.
 */
@Service
public class CalendarManagement {
    public static final String AUDIT_ACTION = "calendar.year.load";
    private final CalendarYears years;
    private final LoadedWorkingCalendar calendar;
    private final List<ProvisionalDeadlines> provisional;
    private final BundledSchedules bundled;
    private final AuditLog auditLog;
    private final Clock clock;

    CalendarManagement(CalendarYears years, LoadedWorkingCalendar calendar, List<ProvisionalDeadlines> provisional,
                       BundledSchedules bundled, AuditLog auditLog, Clock clock) {
        this.years = years;
        this.calendar = calendar;
        this.provisional = provisional;
        this.bundled = bundled;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * A release that ships a new year adds it at start ({@link BundledSchedules}); the provisional
     * deadlines stored before it are recomputed as soon as the application is up, as after a load.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    @Transactional
    public void recomputeBundledYears() {
        for (int year : bundled.addedAtStart()) {
            Recomputed recomputed = recompute(year);
            if (recomputed.recomputed() > 0) {
                auditLog.record(AuditEvent.success(AUDIT_ACTION, "calendar_year:" + year, "added " + year + " from the product data; "
                        + describe(recomputed)).by(BundledSchedules.LOADED_BY, null));
            }
        }
    }

    private Recomputed recompute(int year) {
        Recomputed recomputed = Recomputed.NONE;
        for (ProvisionalDeadlines owner : provisional) {
            recomputed = recomputed.plus(owner.recompute(year, calendar));
        }
        return recomputed;
    }

    private static String describe(Recomputed r) {
        return "provisional deadlines recomputed " + r.recomputed() + " (moved later " + r.movedLater() + ", announced date kept "
                + r.kept() + ")";
    }

    /** What loading did, for the answer and the page's confirmation (a flash attribute: sessions live in the database). */
    public record Loaded(int year, boolean replaced, int holidays, int workdays, int previousHolidays, int previousWorkdays,
                         Recomputed recomputed) implements java.io.Serializable {
    }

    /**
     * Loads one year.
     *
     * @param source how it came, e.g. {@code API} or {@code upload 2027.json}
     * @throws InvalidSchedule with every problem when anything is wrong; nothing is changed then
     */
    @Transactional
    public Loaded load(int year, YearEntry entry, String source) {
        YearSchedule schedule = ScheduleValidation.validate(year, entry);
        String by = Actor.current().map(Actor::username).orElse(BundledSchedules.LOADED_BY);
        CalendarYears.Outcome outcome = years.store(schedule, source, by, clock.instant());
        calendar.refresh();
        Recomputed recomputed = recompute(year);
        Loaded loaded = new Loaded(year, outcome.replaced(), schedule.holidays().size(), schedule.workdays().size(),
                outcome.previousHolidays(), outcome.previousWorkdays(), recomputed);
        String detail = (loaded.replaced() ? "replaced " + year + " (was " + loaded.previousHolidays() + " holidays, "
                + loaded.previousWorkdays() + " make-up working days) with " : "added " + year + ": ")
                + loaded.holidays() + " holidays, " + loaded.workdays() + " make-up working days; paper " + schedule.paper()
                + "; source " + source + "; " + describe(recomputed);
        auditLog.record(AuditEvent.success(AUDIT_ACTION, "calendar_year:" + year, detail));
        return loaded;
    }
}
