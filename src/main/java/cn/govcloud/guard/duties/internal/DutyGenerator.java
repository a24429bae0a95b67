package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.Cadence;
import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.RecurringDutiesRaised;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.duties.internal.DutyStore.NewDuty;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.RuleCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the recurring duties of the catalog: for each recurring rule, each period that
 * overlaps the days asked for and each subject the rule applies to, one duty. Safe to run again
 * and on several nodes at once: a duty is identified by rule, subject and period.
 */
@Component
public class DutyGenerator {
    /** How far back a platform that was down catches up: a missed day still becomes an overdue duty. */
    static final int MAX_CATCH_UP_DAYS = 31;

    private final RuleCatalog catalog;
    private final WorkingCalendar calendar;
    private final Subjects subjects;
    private final DutyStore store;
    private final AuditLog audit;
    private final CalendarUpkeep calendarUpkeep;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    DutyGenerator(RuleCatalog catalog, WorkingCalendar calendar, Subjects subjects, DutyStore store, AuditLog audit,
                  CalendarUpkeep calendarUpkeep, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.catalog = catalog;
        this.calendar = calendar;
        this.subjects = subjects;
        this.store = store;
        this.audit = audit;
        this.calendarUpkeep = calendarUpkeep;
        this.clock = clock;
    }

    /** What one run did. */
    public record Result(LocalDate from, LocalDate to, int considered, int created) {
    }

    /** The daily run: from the day after the last generated one (at most a month back) through today. */
    @Transactional
    public Result catchUp() {
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
        Optional<LocalDate> through = store.generatedThrough();
        LocalDate from = through.map(d -> d.plusDays(1)).orElse(today);
        if (from.isAfter(today)) {
            from = today; // again for today: subjects added since the last run get today's duties
        }
        if (from.isBefore(today.minusDays(MAX_CATCH_UP_DAYS))) {
            from = today.minusDays(MAX_CATCH_UP_DAYS);
        }
        Result result = generate(from, today);
        store.generatedThrough(today);
        calendarUpkeep.check(today);
        return result;
    }

    /** Recurring duties for every period overlapping [from, to]. */
    @Transactional
    public Result generate(LocalDate from, LocalDate to) {
        Subjects.Snapshot snapshot = subjects.snapshot();
        RuleCatalog.Version version = catalog.version();
        int considered = 0;
        int created = 0;
        Set<String> raised = new LinkedHashSet<>();
        for (Rule rule : catalog.rules()) {
            if (!rule.recurring()) {
                continue;
            }
            Cadence cadence = rule.trigger().cadence();
            List<Subject> owing = snapshot.of(rule.appliesTo()).stream().filter(s -> rule.appliesTo(s.attributes())).toList();
            if (owing.isEmpty()) {
                continue;
            }
            List<NewDuty> rows = new ArrayList<>();
            for (LocalDate start = calendar.periodStart(from, cadence); !start.isAfter(to); start = next(start, cadence)) {
                LocalDate lastDay = next(start, cadence).minusDays(1);
                if (lastDay.isBefore(version.validFrom()) || start.isAfter(version.validUntil())) {
                    continue; // A15: the Measures bind only within their validity
                }
                // a period whose due date reaches a year without its holiday notice is generated all the same,
                // its due date counted Monday to Friday there and marked provisional ("Working days")
                Deadline deadline = rule.due().forPeriod(calendar, start, cadence);
                boolean workingDays = rule.due().kind() == Rule.DueRule.Kind.WORKING_DAYS;
                Instant countedFrom = workingDays ? rule.due().countedFrom(calendar, start, cadence) : null;
                for (Subject subject : owing) {
                    Optional<Long> org = snapshot.responsibleOrg(rule.party(), subject);
                    if (org.isEmpty()) {
                        continue;
                    }
                    rows.add(new NewDuty(rule.id() + "|" + subject.kind() + ":" + subject.id() + "|" + start, rule.id(),
                            rule.article(), version.version(), subject.kind(), subject.id(), subject.name(), org.get(),
                            rule.party(), start, null, null, start.atStartOfDay(WorkingCalendar.ZONE).toInstant(),
                            deadline, countedFrom, workingDays ? rule.due().amount() : null));
                }
            }
            considered += rows.size();
            int inserted = store.insertMissing(rows, clock.instant());
            created += inserted;
            if (inserted > 0) {
                raised.add(rule.id());
            }
        }
        if (!raised.isEmpty()) {
            events.publishEvent(new RecurringDutiesRaised(from, to, raised));
        }
        if (created > 0) {
            audit.record(AuditEvent.success("duties.generate", "duties", "from=" + from + " to=" + to + " created=" + created
                    + " catalog=" + version.version()).by("system", "platform"));
        }
        return new Result(from, to, considered, created);
    }

    static LocalDate next(LocalDate periodStart, Cadence cadence) {
        return switch (cadence) {
            case DAILY -> periodStart.plusDays(1);
            case WEEKLY -> periodStart.plusWeeks(1);
            case MONTHLY -> periodStart.plusMonths(1);
            case QUARTERLY -> periodStart.plusMonths(3);
            case HALF_YEARLY -> periodStart.plusMonths(6);
            case YEARLY -> periodStart.plusYears(1);
        };
    }
}
