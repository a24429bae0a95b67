package cn.govcloud.guard.calendar.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * At start, adds the years of the product's schedule file that the database does not have yet, so a
 * new release's year arrives by itself. A year already there (perhaps replaced by the security
 * administrator) is left alone, and two nodes starting together add each year once.
 */
@Component
class BundledSchedules implements InitializingBean {
    static final String LOADED_BY = "system";
    private static final Logger log = LoggerFactory.getLogger(BundledSchedules.class);
    private final CalendarYears years;
    private final AuditLog auditLog;
    private final Clock clock;
    private final java.util.List<Integer> addedAtStart = new java.util.ArrayList<>();

    BundledSchedules(CalendarYears years, AuditLog auditLog, Clock clock) {
        this.years = years;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** The years this start added: the deadlines stored before them are recomputed once the application is up. */
    java.util.List<Integer> addedAtStart() {
        return java.util.List.copyOf(addedAtStart);
    }

    @Override
    public void afterPropertiesSet() {
        ScheduleFile.Contents bundled = ScheduleFile.bundled();
        String source = "product data " + ScheduleFile.BUNDLED + ": " + bundled.source();
        for (YearSchedule schedule : bundled.years()) {
            if (years.insertIfAbsent(schedule, source, LOADED_BY, clock.instant())) {
                addedAtStart.add(schedule.year());
                String detail = "added " + schedule.year() + " from the product data: " + schedule.holidays().size()
                        + " holidays, " + schedule.workdays().size() + " make-up working days; paper " + schedule.paper();
                auditLog.record(AuditEvent.success(CalendarManagement.AUDIT_ACTION, "calendar_year:" + schedule.year(), detail)
                        .by(LOADED_BY, null));
                log.info("Holiday schedule {}", detail);
            }
        }
    }
}
