package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.Cadence;
import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.calendar.ScheduleNotLoaded;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.duties.internal.DutyStore.NewDuty;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.RuleCatalog;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the recurring duties of the catalog: for each recurring rule, each period that
 * overlaps the days asked for and each subject the rule applies to, one duty. Safe to run again
 * and on several nodes at once: a duty is identified by rule, subject and period.
 */
@Component
public class DutyGenerator {
    private static final Logger log = LoggerFactory.getLogger(DutyGenerator.class);
    /** How far back a platform that was down catches up: a missed day still becomes an overdue duty. */
    static final int MAX_CATCH_UP_DAYS = 31;

    private final RuleCatalog catalog;
    private final WorkingCalendar calendar;
    private final Subjects subjects;
    private final DutyStore store;
    private final DutyNotices notices;
    private final AuditLog audit;
    private final Clock clock;

    DutyGenerator(RuleCatalog catalog, WorkingCalendar calendar, Subjects subjects, DutyStore store, DutyNotices notices,
                  AuditLog audit, Clock clock) {
        this.catalog = catalog;
        this.calendar = calendar;
        this.subjects = subjects;
        this.store = store;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    /** What one run did; {@code missingYears} are years whose holiday schedule must be loaded first. */
    public record Result(LocalDate from, LocalDate to, int considered, int created, SortedSet<Integer> missingYears,
                         LocalDate firstSkippedPeriod) {
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
        // a day whose duties could not be computed (no holiday schedule for its year) is not done: the
        // watermark stops before it, so the run after the schedule is loaded creates them (still overdue)
        LocalDate done = result.firstSkippedPeriod() == null ? today : result.firstSkippedPeriod().minusDays(1);
        if (!done.isBefore(from)) {
            store.generatedThrough(done.isAfter(today) ? today : done);
        }
        return result;
    }

    /** Recurring duties for every period overlapping [from, to]. */
    @Transactional
    public Result generate(LocalDate from, LocalDate to) {
        Subjects.Snapshot snapshot = subjects.snapshot();
        RuleCatalog.Version version = catalog.version();
        SortedSet<Integer> missingYears = new TreeSet<>();
        LocalDate firstSkipped = null;
        int considered = 0;
        int created = 0;
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
                Deadline deadline;
                try {
                    deadline = rule.due().forPeriod(calendar, start, cadence);
                } catch (ScheduleNotLoaded e) {
                    missingYears.add(e.year());
                    firstSkipped = firstSkipped == null || start.isBefore(firstSkipped) ? start : firstSkipped;
                    continue;
                }
                for (Subject subject : owing) {
                    Optional<Long> org = snapshot.responsibleOrg(rule.party(), subject);
                    if (org.isEmpty()) {
                        continue;
                    }
                    rows.add(new NewDuty(rule.id() + "|" + subject.kind() + ":" + subject.id() + "|" + start, rule.id(),
                            rule.article(), version.version(), subject.kind(), subject.id(), subject.name(), org.get(),
                            rule.party(), start, null, null, start.atStartOfDay(WorkingCalendar.ZONE).toInstant(),
                            deadline.dueDate(), deadline.dueAt()));
                }
            }
            considered += rows.size();
            created += store.insertMissing(rows, clock.instant());
        }
        missingYears.forEach(notices::calendarYearMissing);
        if (created > 0) {
            audit.record(AuditEvent.success("duties.generate", "duties", "from=" + from + " to=" + to + " created=" + created
                    + " catalog=" + version.version()).by("system", "platform"));
        }
        if (!missingYears.isEmpty()) {
            log.warn("Duties not generated for years without a holiday schedule: {}", missingYears);
        }
        return new Result(from, to, considered, created, missingYears, firstSkipped);
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
