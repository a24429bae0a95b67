package cn.govcloud.guard.supervision.periods;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.hazards.HeightenedPeriods;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.supervision.PeriodDayStarted;
import cn.govcloud.guard.supervision.scheduling.Db;
import cn.govcloud.guard.systems.Systems;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 实网攻防演练 and 重要时期安全保障 (重保) periods (A4, 第四条（二）: the provider "配合开展安全检查、实网攻防、应急演练等工作"; the
 * big-data centre runs the city's security checks, 第四条（三）). The supervisor declares a period with its participants
 * (units and the provider; for an exercise also the red team, as free text). While it runs:
 * <ul>
 *   <li>each participating unit owes a zero report (零报告) every day of the window, Beijing time — the catalog's
 *       {@code A4-period-zero-report} on {@link PeriodDayStarted}, raised here once per unit and day, only on days inside
 *       the window, from the day the period was declared (a unit is never late for a day before it was told);</li>
 *   <li>a hazard of a participating unit notified inside the window gets the catalog's shorter acknowledgement clock
 *       ({@code A4-period-hazard-acknowledgement}): this is the hazards module's {@link HeightenedPeriods};</li>
 *   <li>an exercise's findings become hazard notices raised by the supervisor as the warning department, with the source
 *       {@code RED_TEAM} and the reference {@code supervision-period:ID}.</li>
 * </ul>
 * A period that ends or is cancelled raises nothing more; cancelling closes the zero reports of the day it is cancelled.
 */
@Service
public class Periods implements HeightenedPeriods, cn.govcloud.guard.supervision.SupervisionPeriods {
    /** How far back the daily raising catches up on days it missed (the platform was down): as the duty generator. */
    static final int MAX_CATCH_UP_DAYS = 31;
    static final String ZERO_REPORT_RULE = "A4-period-zero-report";

    public enum Kind { EXERCISE, PROTECTION }

    /** 未开始, 进行中, 已结束, 已取消. */
    public enum State { UPCOMING, RUNNING, ENDED, CANCELLED }

    /**
     * A period to declare; {@code startsAt} and {@code endsAt} are Beijing local times. {@code participantIds}: units and
     * the provider.
     */
    public record NewPeriod(String kind, String name, LocalDateTime startsAt, LocalDateTime endsAt, List<Long> participantIds,
                            String redTeam, String note) {
    }

    public record Period(long id, Kind kind, String name, Instant startsAt, Instant endsAt, String redTeam, String note,
                         Instant declaredAt, String declaredBy, String declaredByName, Instant cancelledAt, String cancelledBy,
                         String cancelReason) {
        public State stateAt(Instant now) {
            if (cancelledAt != null) {
                return State.CANCELLED;
            }
            if (now.isBefore(startsAt)) {
                return State.UPCOMING;
            }
            return now.isBefore(endsAt) ? State.RUNNING : State.ENDED;
        }

        public LocalDate firstDay() {
            return LocalDate.ofInstant(startsAt, WorkingCalendar.ZONE);
        }

        /** The day of the window's last moment (a window ending at 24:00 ends on that day, not the next). */
        public LocalDate lastDay() {
            return LocalDate.ofInstant(endsAt.minusNanos(1), WorkingCalendar.ZONE);
        }

        /** When it stopped holding: its end, or its cancellation if earlier. */
        Instant stoppedAt() {
            return cancelledAt != null && cancelledAt.isBefore(endsAt) ? cancelledAt : endsAt;
        }
    }

    public record Participant(long orgId, String orgName, OrgKind kind) {
    }

    public record NewFinding(Long systemId, String title, String severity, String description) {
    }

    public record Finding(long id, long periodId, long systemId, String systemName, long orgId, String title, String severity,
                          long hazardId, Instant recordedAt, String recordedBy) {
    }

    /** One unit's zero report of one day: the duty's state, or null when none was raised (before the period was declared). */
    public record DayCell(LocalDate day, Long dutyId, String state) {
    }

    public record ZeroReportRow(long orgId, String orgName, List<DayCell> days, long reported, long due) {
    }

    private final JdbcClient jdbc;
    private final OrganisationDirectory organisations;
    private final Systems systems;
    private final Hazards hazards;
    private final Duties duties;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    Periods(JdbcClient jdbc, OrganisationDirectory organisations, Systems systems, Hazards hazards, Duties duties,
            ApplicationEventPublisher events, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.systems = systems;
        this.hazards = hazards;
        this.duties = duties;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** The big-data centre's supervisors declare, cancel and record findings (第四条（三）). */
    public static boolean mayDeclare(Actor actor) {
        return actor.orgKind() == OrgKind.SUPERVISOR && actor.has(Role.SUPERVISOR);
    }

    /** The supervisor and the regulators see every period; a unit or the provider only those it takes part in (A4). */
    public static boolean oversees(Actor actor) {
        return actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR;
    }

    private static Actor supervisor() {
        Actor actor = Actor.require();
        if (!mayDeclare(actor)) {
            throw new AccessDeniedException("only the supervisor declares 实网攻防 and 重保 periods (A4)");
        }
        return actor;
    }

    // ---- declaring and cancelling -------------------------------------------------------------------

    @Transactional
    public Period declare(NewPeriod p) {
        Actor actor = supervisor();
        Map<String, String> errors = new LinkedHashMap<>();
        Kind kind = null;
        try {
            kind = p.kind() == null ? null : Kind.valueOf(p.kind().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            kind = null;
        }
        if (kind == null) {
            errors.put("kind", "periods.error.kind");
        }
        if (Db.blank(p.name()) || p.name().strip().length() > 200) {
            errors.put("name", "periods.error.name");
        }
        if (p.startsAt() == null) {
            errors.put("startsAt", "periods.error.startsAt");
        }
        if (p.endsAt() == null) {
            errors.put("endsAt", "periods.error.endsAt");
        }
        if (p.redTeam() != null && p.redTeam().length() > 1000) {
            errors.put("redTeam", "periods.error.redTeam");
        }
        if (p.note() != null && p.note().length() > 4000) {
            errors.put("note", "periods.error.note");
        }
        Map<Long, OrganisationView> participants = new LinkedHashMap<>();
        for (Long id : p.participantIds() == null ? List.<Long>of() : p.participantIds()) {
            Optional<OrganisationView> org = id == null ? Optional.empty()
                    : organisations.byId(id).filter(o -> o.kind() == OrgKind.UNIT || o.kind() == OrgKind.PROVIDER);
            if (org.isEmpty()) {
                errors.put("participantIds", "periods.error.participants");
            } else {
                participants.put(org.get().id(), org.get());
            }
        }
        if (participants.values().stream().noneMatch(o -> o.kind() == OrgKind.UNIT)) {
            errors.putIfAbsent("participantIds", "periods.error.participants");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("periods.error.invalid", errors);
        }
        Instant start = p.startsAt().atZone(WorkingCalendar.ZONE).toInstant();
        Instant end = p.endsAt().atZone(WorkingCalendar.ZONE).toInstant();
        if (!end.isAfter(start)) {
            throw new DatesRefused("endsAt", "periods.error.endBeforeStart");
        }
        if (start.plus(java.time.Duration.ofDays(366)).isBefore(end)) {
            throw new DatesRefused("endsAt", "periods.error.tooLong");
        }
        Instant now = clock.instant();
        String redTeam = kind == Kind.EXERCISE && !Db.blank(p.redTeam()) ? p.redTeam().strip() : null;
        long id = Db.insertedId(jdbc.sql("""
                        insert into supervision_period (kind, name, starts_at, ends_at, red_team, note, declared_at, declared_by, declared_by_name)
                        values (:kind, :name, :s, :e, :red, :note, :at, :by, :byName)""")
                .param("kind", kind.name()).param("name", p.name().strip()).param("s", Db.ts(start)).param("e", Db.ts(end))
                .param("red", redTeam).param("note", Db.blank(p.note()) ? null : p.note().strip()).param("at", Db.ts(now))
                .param("by", actor.username()).param("byName", actor.displayName()));
        for (OrganisationView o : participants.values()) {
            jdbc.sql("insert into supervision_period_participant (period_id, org_id, org_name, org_kind) values (:p, :o, :n, :k)")
                    .param("p", id).param("o", o.id()).param("n", o.name()).param("k", o.kind().name()).update();
        }
        audit.record(AuditEvent.success("period.declare", "supervision-period:" + id, kind + " " + p.name().strip() + " " + start + "–" + end
                + " participants=" + participants.values().stream().map(OrganisationView::name).collect(Collectors.joining("、"))));
        Period period = require(id);
        raiseDays(period, now);
        return period;
    }

    /** The supervisor cancels a period that has not ended: nothing more is raised; the day's open zero reports close. */
    @Transactional
    public Period cancel(long id, String reason) {
        Actor actor = supervisor();
        Period period = require(id);
        Instant now = clock.instant();
        State state = period.stateAt(now);
        if (state == State.CANCELLED || state == State.ENDED) {
            throw new RuleViolation("A4", "periods.refused.notCancellable");
        }
        if (Db.blank(reason) || reason.strip().length() > 1000) {
            throw new InvalidInput("periods.error.invalid", Map.of("reason", "periods.error.reason"));
        }
        jdbc.sql("update supervision_period set cancelled_at = :at, cancelled_by = :by, cancel_reason = :r where id = :id and cancelled_at is null")
                .param("at", Db.ts(now)).param("by", actor.username()).param("r", reason.strip()).param("id", id).update();
        if (state == State.RUNNING) {
            String today = PeriodDayStarted.reference(id, Db.today(clock));
            if (duties.raisedBy(today).stream().anyMatch(d -> d.state().awaitsSubmission())) {
                duties.fulfil(today, "攻防/重保期已取消：" + reason.strip());
            }
        }
        audit.record(AuditEvent.success("period.cancel", "supervision-period:" + id, period.name() + ": " + reason.strip()));
        return require(id);
    }

    // ---- the daily zero reports ----------------------------------------------------------------------

    /**
     * Raises the zero reports due so far of every period that holds now or held lately: for each participating unit, one
     * per day of the window from the day it was declared through today (missed days too, at most a month back). Safe to
     * run again and on several nodes: one duty per rule, unit and day.
     */
    @Transactional
    public int raiseDays() {
        Instant now = clock.instant();
        Instant since = now.minus(java.time.Duration.ofDays(MAX_CATCH_UP_DAYS));
        List<Period> holding = jdbc.sql("select * from supervision_period where cancelled_at is null and starts_at <= :now and ends_at > :since")
                .param("now", Db.ts(now)).param("since", Db.ts(since)).query(Periods::period).list();
        int raised = 0;
        for (Period p : holding) {
            raised += raiseDays(p, now);
        }
        return raised;
    }

    private int raiseDays(Period p, Instant now) {
        if (p.cancelledAt() != null || now.isBefore(p.startsAt())) {
            return 0;
        }
        LocalDate today = LocalDate.ofInstant(now, WorkingCalendar.ZONE);
        LocalDate from = max(p.firstDay(), LocalDate.ofInstant(p.declaredAt(), WorkingCalendar.ZONE));
        from = max(from, today.minusDays(MAX_CATCH_UP_DAYS));
        LocalDate to = p.lastDay().isBefore(today) ? p.lastDay() : today;
        List<Participant> units = participants(p.id()).stream().filter(x -> x.kind() == OrgKind.UNIT).toList();
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
    public List<ZeroReportRow> zeroReports(long id, Actor actor) {
        Period p = visible(id, actor);
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
        for (Participant u : participants(id)) {
            if (u.kind() != OrgKind.UNIT || (!oversees(actor) && u.orgId() != actor.orgId())) {
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

    // ---- findings of an exercise ---------------------------------------------------------------------

    /**
     * The supervisor records a finding of an exercise's red team on a participating unit's system: it becomes a hazard
     * notice raised by the supervisor as the warning department (A10.2), source {@code RED_TEAM}, reference
     * {@code supervision-period:ID}, and so runs on the period's shorter acknowledgement clock.
     */
    @Transactional
    public Finding recordFinding(long id, NewFinding f) {
        Actor actor = supervisor();
        Period p = require(id);
        Instant now = clock.instant();
        if (p.kind() != Kind.EXERCISE) {
            throw new RuleViolation("A4", "periods.refused.findingNotExercise");
        }
        State state = p.stateAt(now);
        if (state == State.UPCOMING || state == State.CANCELLED) {
            throw new RuleViolation("A4", "periods.refused.findingNotRunning");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Systems.SystemRef> system = f.systemId() == null ? Optional.empty() : systems.find(f.systemId());
        java.util.Set<Long> units = participants(id).stream().filter(x -> x.kind() == OrgKind.UNIT).map(Participant::orgId)
                .collect(Collectors.toSet());
        if (system.isEmpty() || !units.contains(system.get().orgId())) {
            errors.put("systemId", "periods.error.findingSystem");
        }
        Hazards.Severity severity = null;
        try {
            severity = f.severity() == null ? null : Hazards.Severity.valueOf(f.severity().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            severity = null;
        }
        if (severity == null) {
            errors.put("severity", "periods.error.severity");
        }
        if (Db.blank(f.title()) || f.title().strip().length() > 200) {
            errors.put("title", "periods.error.findingTitle");
        }
        if (f.description() != null && f.description().length() > 4000) {
            errors.put("description", "periods.error.description");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("periods.error.invalid", errors);
        }
        String description = (Db.blank(f.description()) ? "" : f.description().strip() + "\n") + "实网攻防演练：" + p.name();
        Hazards.Raised hazard = hazards.raise(new Hazards.NewHazard(system.get().id(), f.title().strip(), severity, description, null,
                "RED_TEAM", "supervision-period:" + id));
        long findingId = Db.insertedId(jdbc.sql("""
                        insert into supervision_period_finding (period_id, system_id, system_name, org_id, title, severity, hazard_id, recorded_at, recorded_by)
                        values (:p, :s, :sn, :o, :t, :sev, :h, :at, :by)""")
                .param("p", id).param("s", system.get().id()).param("sn", system.get().name()).param("o", system.get().orgId())
                .param("t", f.title().strip()).param("sev", severity.name()).param("h", hazard.id()).param("at", Db.ts(now))
                .param("by", actor.username()));
        audit.record(AuditEvent.success("period.finding", "supervision-period:" + id, "finding " + findingId + " → hazard:" + hazard.id()
                + " " + system.get().name() + " " + f.title().strip()));
        return jdbc.sql("select * from supervision_period_finding where id = :id").param("id", findingId).query(Periods::finding).single();
    }

    /** The findings of a period: oversight sees all, a participant the findings on its own systems. */
    @Transactional(readOnly = true)
    public List<Finding> findings(long id, Actor actor) {
        visible(id, actor);
        return jdbc.sql("select * from supervision_period_finding where period_id = :p and (:all = true or org_id = :o) order by id")
                .param("p", id).param("all", oversees(actor)).param("o", actor.orgId()).query(Periods::finding).list();
    }

    @Override
    @Transactional
    public long declarePeriod(String kind, String name, LocalDateTime startsAt, LocalDateTime endsAt, List<Long> participantIds, String redTeam,
                              String note) {
        return declare(new NewPeriod(kind, name, startsAt, endsAt, participantIds, redTeam, note)).id();
    }

    @Override
    @Transactional
    public long recordPeriodFinding(long periodId, long systemId, String title, String severity, String description) {
        return recordFinding(periodId, new NewFinding(systemId, title, severity, description)).hazardId();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean anyPeriodDeclared() {
        return jdbc.sql("select count(*) from supervision_period").query(Long.class).single() > 0;
    }

    // ---- reading -------------------------------------------------------------------------------------

    /** Newest first; oversight: every period, anyone else: those its organisation takes part in. */
    @Transactional(readOnly = true)
    public List<Period> list(Actor actor) {
        if (oversees(actor)) {
            return jdbc.sql("select * from supervision_period order by starts_at desc, id desc").query(Periods::period).list();
        }
        return jdbc.sql("""
                        select p.* from supervision_period p join supervision_period_participant x on x.period_id = p.id
                        where x.org_id = :o order by p.starts_at desc, p.id desc""")
                .param("o", actor.orgId()).query(Periods::period).list();
    }

    /** The period if the actor may see it; 404 otherwise (A4: a non-participant does not learn that it exists). */
    @Transactional(readOnly = true)
    public Period visible(long id, Actor actor) {
        Period p = require(id);
        if (!oversees(actor) && participants(id).stream().noneMatch(x -> x.orgId() == actor.orgId())) {
            throw new NotFound("period " + id);
        }
        return p;
    }

    @Transactional(readOnly = true)
    public List<Participant> participants(long id) {
        return jdbc.sql("select org_id, org_name, org_kind from supervision_period_participant where period_id = :p order by org_kind desc, org_id")
                .param("p", id).query((rs, n) -> new Participant(rs.getLong("org_id"), rs.getString("org_name"),
                        OrgKind.valueOf(rs.getString("org_kind")))).list();
    }

    public State stateOf(Period p) {
        return p.stateAt(clock.instant());
    }

    /** A4: the kind of the period the organisation takes part in at that moment, for the hazards' acknowledgement clock. */
    @Override
    @Transactional(readOnly = true)
    public String periodAt(long orgId, Instant at) {
        return jdbc.sql("""
                        select p.kind from supervision_period p join supervision_period_participant x on x.period_id = p.id
                        where x.org_id = :o and p.starts_at <= :at and p.ends_at > :at and (p.cancelled_at is null or p.cancelled_at > :at)
                        order by p.kind desc""")
                .param("o", orgId).param("at", Db.ts(at)).query(String.class).list().stream().findFirst().orElse(NONE);
    }

    Period require(long id) {
        return jdbc.sql("select * from supervision_period where id = :id").param("id", id).query(Periods::period).optional()
                .orElseThrow(() -> new NotFound("period " + id));
    }

    private static Period period(ResultSet rs, int n) throws SQLException {
        return new Period(rs.getLong("id"), Kind.valueOf(rs.getString("kind")), rs.getString("name"), Db.instant(rs, "starts_at"),
                Db.instant(rs, "ends_at"), rs.getString("red_team"), rs.getString("note"), Db.instant(rs, "declared_at"),
                rs.getString("declared_by"), rs.getString("declared_by_name"), Db.instant(rs, "cancelled_at"), rs.getString("cancelled_by"),
                rs.getString("cancel_reason"));
    }

    private static Finding finding(ResultSet rs, int n) throws SQLException {
        return new Finding(rs.getLong("id"), rs.getLong("period_id"), rs.getLong("system_id"), rs.getString("system_name"), rs.getLong("org_id"),
                rs.getString("title"), rs.getString("severity"), rs.getLong("hazard_id"), Db.instant(rs, "recorded_at"), rs.getString("recorded_by"));
    }

    /** Well-formed dates that make no window (the end not after the start): 422 naming the field. */
    public static class DatesRefused extends cn.govcloud.guard.shared.Unprocessable {
        private final String field;

        DatesRefused(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
