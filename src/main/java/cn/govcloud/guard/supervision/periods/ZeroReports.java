package cn.govcloud.guard.supervision.periods;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.supervision.PeriodDayStarted;
import cn.govcloud.guard.supervision.periods.Periods.DayCell;
import cn.govcloud.guard.supervision.periods.Periods.Participant;
import cn.govcloud.guard.supervision.periods.Periods.Period;
import cn.govcloud.guard.supervision.periods.Periods.ZeroReportRow;
import cn.govcloud.guard.supervision.scheduling.Db;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The participating units' daily zero reports (零报告) of a period (A4): raised day by day, read as a grid. */
@Service
class ZeroReports {
    /** How far back the daily raising catches up on days it missed (the platform was down): as the duty generator. */
    static final int MAX_CATCH_UP_DAYS = 31;
    static final String ZERO_REPORT_RULE = "A4-period-zero-report";

    private final PeriodRepository store;
    private final Duties duties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ZeroReports(PeriodRepository store, Duties duties, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.duties = duties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Raises the zero reports due so far of every period that holds now or held lately: for each participating unit, one
     * per day of the window from the day it was declared through today (missed days too, at most a month back). Safe to
     * run again and on several nodes: one duty per rule, unit and day.
     */
    @Transactional
    int raiseDays() {
        Instant now = clock.instant();
        int raised = 0;
        for (Period p : store.holding(now, now.minus(java.time.Duration.ofDays(MAX_CATCH_UP_DAYS)))) {
            raised += raiseDays(p, now);
        }
        return raised;
    }

    int raiseDays(Period p, Instant now) {
        if (p.cancelledAt() != null || now.isBefore(p.startsAt())) {
            return 0;
        }
        LocalDate today = LocalDate.ofInstant(now, WorkingCalendar.ZONE);
        LocalDate from = max(p.firstDay(), LocalDate.ofInstant(p.declaredAt(), WorkingCalendar.ZONE));
        from = max(from, today.minusDays(MAX_CATCH_UP_DAYS));
        LocalDate to = p.lastDay().isBefore(today) ? p.lastDay() : today;
        List<Participant> units = store.participants(p.id()).stream().filter(x -> x.kind() == OrgKind.UNIT).toList();
        int raised = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Instant dayStart = day.atStartOfDay(WorkingCalendar.ZONE).toInstant();
            Instant at = dayStart.isBefore(p.startsAt()) ? p.startsAt() : dayStart;
            String reference = PeriodDayStarted.reference(p.id(), day);
            java.util.Set<Long> already = duties.raisedBy(reference).stream().map(Duty::subjectId).collect(Collectors.toSet());
            for (Participant u : units) {
                if (already.contains(u.orgId())) {
                    continue;
                }
                events.publishEvent(new PeriodDayStarted(p.id(), day, new Subject(SubjectKind.UNIT, u.orgId(), u.orgName(), u.orgId(), Map.of()),
                        at, p.kind().name()));
                raised++;
            }
        }
        return raised;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** Each participating unit's zero report per day of the window through today; a unit sees its own row only. */
    @Transactional(readOnly = true)
    List<ZeroReportRow> grid(long id, Actor actor) {
        Period p = store.visible(id, actor);
        LocalDate today = Db.today(clock);
        LocalDate to = p.lastDay().isBefore(today) ? p.lastDay() : today;
        if (p.cancelledAt() != null) {
            LocalDate cancelled = LocalDate.ofInstant(p.cancelledAt(), WorkingCalendar.ZONE);
            to = cancelled.isBefore(to) ? cancelled : to;
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = p.firstDay(); !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d);
        }
        Map<LocalDate, Map<Long, Duty>> byDay = new LinkedHashMap<>();
        for (LocalDate d : days) {
            byDay.put(d, duties.raisedBy(PeriodDayStarted.reference(id, d)).stream().filter(x -> x.ruleId().equals(ZERO_REPORT_RULE))
                    .collect(Collectors.toMap(Duty::subjectId, x -> x, (a, b) -> a)));
        }
        List<ZeroReportRow> rows = new ArrayList<>();
        for (Participant u : store.participants(id)) {
            if (u.kind() != OrgKind.UNIT || (!Periods.oversees(actor) && u.orgId() != actor.orgId())) {
                continue;
            }
            List<DayCell> cells = new ArrayList<>();
            long reported = 0;
            long due = 0;
            for (LocalDate d : days) {
                Duty duty = byDay.get(d).get(u.orgId());
                cells.add(new DayCell(d, duty == null ? null : duty.id(), duty == null ? null : duty.state().name()));
                if (duty != null) {
                    due++;
                    if (!duty.state().awaitsSubmission()) {
                        reported++;
                    }
                }
            }
            rows.add(new ZeroReportRow(u.orgId(), u.orgName(), cells, reported, due));
        }
        return rows;
    }
}
