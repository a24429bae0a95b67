package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.calendar.ProvisionalDeadlines;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyDueRecomputed;
import cn.govcloud.guard.rules.RuleCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The duties' provisional due dates ("Working days" in REQUIREMENTS.md). Every working-day deadline of
 * the platform is a duty's (hazards, incidents' final reports, certifications' filings, exits, visits,
 * scheduling actions all take theirs from a duty), so this is the one place they are recomputed when a
 * year is loaded; modules that copy a duty's date follow through {@link DutyDueRecomputed}.
 *
 * <p>Each duty is updated only if it is still provisional with the date we read, so a recomputation
 * that runs twice (two loads of the same year, a retry) changes, audits and notifies each duty once.
 */
@Component
class ProvisionalDutyDeadlines implements ProvisionalDeadlines {
    /** The upkeep duty of the security administrator for a year (A14-holiday-schedule-load): loading the year fulfils it. */
    static final String UPKEEP_REFERENCE = "calendar-year:";

    private final JdbcClient jdbc;
    private final DutyService duties;
    private final DutyNotices notices;
    private final RuleCatalog catalog;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    ProvisionalDutyDeadlines(JdbcClient jdbc, DutyService duties, DutyNotices notices, RuleCatalog catalog,
                             ApplicationEventPublisher events, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.duties = duties;
        this.notices = notices;
        this.catalog = catalog;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public long countOpen() {
        return jdbc.sql("select count(*) from duties_duty where due_provisional = true and closed_at is null").query(Long.class).single();
    }

    private record Row(Duty duty, Instant countedFrom, int workingDays, boolean submitted) {
    }

    @Override
    public Recomputed recompute(int year, WorkingCalendar calendar) {
        Instant now = clock.instant();
        // provisional deadlines reach the year when it lies between the start of the count and the due date
        List<Row> rows = jdbc.sql("select " + DutyRows.COLUMNS + ", d.due_counted_from, d.due_working_days, d.first_submitted_at "
                        + "from duties_duty d where d.due_provisional = true and d.closed_at is null and d.due_date >= :first "
                        + "and d.due_counted_from < :afterLast order by d.id")
                .param("first", LocalDate.of(year, 1, 1))
                .param("afterLast", DutyRows.ts(LocalDate.of(year + 1, 1, 1).atStartOfDay(WorkingCalendar.ZONE).toInstant()))
                .query((rs, i) -> new Row(DutyRows.duty(rs, i), DutyRows.instant(rs, "due_counted_from"), rs.getInt("due_working_days"),
                        rs.getObject("first_submitted_at") != null))
                .list();
        int recomputed = 0;
        int movedLater = 0;
        for (Row row : rows) {
            Duty duty = row.duty();
            Deadline exact = calendar.afterWorkingDays(row.countedFrom(), row.workingDays());
            // a party is never made late by a notice published after the fact: the later date applies
            boolean later = exact.dueAt().isAfter(duty.dueAt());
            LocalDate dueDate = later ? exact.dueDate() : duty.dueDate();
            Instant dueAt = later ? exact.dueAt() : duty.dueAt();
            if (!apply(duty, dueDate, dueAt, exact.provisional(), later, row.submitted(), now)) {
                continue; // recomputed already (another load of the same year)
            }
            recomputed++;
            if (later) {
                movedLater++;
                audit.record(AuditEvent.success("duty.due.recompute", "duty:" + duty.id(), duty.ruleId() + " " + duty.subjectName()
                        + ": due " + duty.dueDate() + " → " + dueDate + " (holiday schedule " + year + " loaded; "
                        + row.workingDays() + " working days from " + row.countedFrom() + (exact.provisional()
                        ? "; still provisional for " + exact.missingYears() : "") + ")"));
                Duty moved = duties.find(duty.id()).orElseThrow();
                notices.dueMoved(moved, catalog.rule(duty.ruleId()).orElse(null), duty.dueDate());
            }
            events.publishEvent(new DutyDueRecomputed(duty.id(), duty.ruleId(), duty.reference(), duty.dueDate(), duty.dueAt(), dueDate,
                    dueAt, exact.provisional()));
        }
        int kept = recomputed - movedLater;
        if (kept > 0) {
            audit.record(AuditEvent.success("duty.due.recompute", "calendar_year:" + year, kept + " provisional due dates confirmed "
                    + "(the exact date is not later than the one announced, which stands)"));
        }
        duties.fulfil(UPKEEP_REFERENCE + year, "已加载 " + year + " 年放假安排");
        return new Recomputed(recomputed, movedLater, kept);
    }

    /**
     * The new date and flag, only if the duty is still as read. A date that moved later undoes what the
     * provisional date did: an overdue duty that is not overdue on the exact date is open again (or
     * returned, if it had a submission), and submissions made before the new date are no longer late.
     */
    private boolean apply(Duty duty, LocalDate dueDate, Instant dueAt, boolean provisional, boolean later, boolean submitted, Instant now) {
        boolean reopen = later && duty.state() == cn.govcloud.guard.duties.DutyState.OVERDUE && dueAt.isAfter(now);
        int updated = jdbc.sql("update duties_duty set due_date = :day, due_at = :at, due_provisional = :provisional"
                        + (reopen ? ", state = :reopened, overdue_at = null, escalated_at = null" : "")
                        + " where id = :id and due_provisional = true and due_at = :oldAt and state = :state")
                .param("day", dueDate).param("at", DutyRows.ts(dueAt)).param("provisional", provisional)
                .param("reopened", submitted ? "RETURNED" : "OPEN")
                .param("id", duty.id()).param("oldAt", DutyRows.ts(duty.dueAt())).param("state", duty.state().name())
                .update();
        if (updated == 1 && later) {
            jdbc.sql("update duties_submission set late = false where duty_id = :id and submitted_at < :at")
                    .param("id", duty.id()).param("at", DutyRows.ts(dueAt)).update();
            jdbc.sql("update duties_duty set submitted_late = exists (select 1 from duties_submission s where s.duty_id = :id and s.late = true) "
                    + "where id = :id").param("id", duty.id()).update();
        }
        return updated == 1;
    }
}
