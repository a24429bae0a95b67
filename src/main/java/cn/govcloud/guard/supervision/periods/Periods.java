package cn.govcloud.guard.supervision.periods;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.hazards.HeightenedPeriods;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.supervision.PeriodDayStarted;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
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

        /** A4: a period that has ended or was cancelled is not cancelled (again); returns the state it is cancelled in. */
        State requireCancellable(Instant now) {
            State state = stateAt(now);
            if (state == State.CANCELLED || state == State.ENDED) {
                throw new RuleViolation("A4", "periods.refused.notCancellable");
            }
            return state;
        }

        /** A4: findings are an exercise's, recorded once it has started and while it was not cancelled. */
        void requireFindingsOpen(Instant now) {
            if (kind != Kind.EXERCISE) {
                throw new RuleViolation("A4", "periods.refused.findingNotExercise");
            }
            State state = stateAt(now);
            if (state == State.UPCOMING || state == State.CANCELLED) {
                throw new RuleViolation("A4", "periods.refused.findingNotRunning");
            }
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

    private final PeriodRepository store;
    private final PeriodDeclaration declaration;
    private final ZeroReports zeroReports;
    private final ExerciseFindings findings;
    private final Clock clock;

    Periods(PeriodRepository store, PeriodDeclaration declaration, ZeroReports zeroReports, ExerciseFindings findings, Clock clock) {
        this.store = store;
        this.declaration = declaration;
        this.zeroReports = zeroReports;
        this.findings = findings;
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

    static Actor supervisor() {
        Actor actor = Actor.require();
        if (!mayDeclare(actor)) {
            throw new AccessDeniedException("only the supervisor declares 实网攻防 and 重保 periods (A4)");
        }
        return actor;
    }

    // ---- the use cases: {@link PeriodDeclaration}, {@link ZeroReports}, {@link ExerciseFindings} ----------------------------

    @Transactional
    public Period declare(NewPeriod p) {
        return declaration.declare(p);
    }

    /** The supervisor cancels a period that has not ended: nothing more is raised; the day's open zero reports close. */
    @Transactional
    public Period cancel(long id, String reason) {
        return declaration.cancel(id, reason);
    }

    /** Raises the zero reports due so far of every period that holds now or held lately (see {@link ZeroReports}). */
    @Transactional
    public int raiseDays() {
        return zeroReports.raiseDays();
    }

    /** Each participating unit's zero report per day of the window through today; a unit sees its own row only. */
    @Transactional(readOnly = true)
    public List<ZeroReportRow> zeroReports(long id, Actor actor) {
        return zeroReports.grid(id, actor);
    }

    /** A red-team finding of an exercise becomes a hazard notice (see {@link ExerciseFindings}). */
    @Transactional
    public Finding recordFinding(long id, NewFinding f) {
        return findings.record(id, f);
    }

    /** The findings of a period: oversight sees all, a participant the findings on its own systems. */
    @Transactional(readOnly = true)
    public List<Finding> findings(long id, Actor actor) {
        return findings.of(id, actor);
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
        return store.any();
    }

    // ---- reading -------------------------------------------------------------------------------------

    /** Newest first; oversight: every period, anyone else: those its organisation takes part in. */
    @Transactional(readOnly = true)
    public List<Period> list(Actor actor) {
        return oversees(actor) ? store.all() : store.ofParticipant(actor.orgId());
    }

    /** The list's states (issue 23 point 11), as {@link State}. */
    public static final List<String> STATES = java.util.Arrays.stream(State.values()).map(Enum::name).toList();

    /** Issue 23 point 11: one page of {@link #list}'s periods, searched and filtered in SQL. */
    @Transactional(readOnly = true)
    public cn.govcloud.guard.shared.Page<Period> search(Actor actor, cn.govcloud.guard.shared.ListFilter filter) {
        return store.search(oversees(actor) ? null : actor.orgId(), filter, clock.instant());
    }

    /** The period if the actor may see it; 404 otherwise (A4: a non-participant does not learn that it exists). */
    @Transactional(readOnly = true)
    public Period visible(long id, Actor actor) {
        return store.visible(id, actor);
    }

    @Transactional(readOnly = true)
    public List<Participant> participants(long id) {
        return store.participants(id);
    }

    public State stateOf(Period p) {
        return p.stateAt(clock.instant());
    }

    /** A4: the kind of the period the organisation takes part in at that moment, for the hazards' acknowledgement clock. */
    @Override
    @Transactional(readOnly = true)
    public String periodAt(long orgId, Instant at) {
        return store.kindsAt(orgId, at).stream().findFirst().orElse(NONE);
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
