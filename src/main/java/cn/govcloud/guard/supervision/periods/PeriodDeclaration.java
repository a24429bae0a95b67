package cn.govcloud.guard.supervision.periods;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.supervision.PeriodDayStarted;
import cn.govcloud.guard.supervision.periods.Periods.DatesRefused;
import cn.govcloud.guard.supervision.periods.Periods.Kind;
import cn.govcloud.guard.supervision.periods.Periods.NewPeriod;
import cn.govcloud.guard.supervision.periods.Periods.Period;
import cn.govcloud.guard.supervision.periods.Periods.State;
import cn.govcloud.guard.supervision.scheduling.Db;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Declaring and cancelling a 实网攻防 or 重保 period (A4, 第四条（三）): the supervisor's two steps. */
@Service
class PeriodDeclaration {
    private final PeriodRepository store;
    private final ZeroReports zeroReports;
    private final OrganisationDirectory organisations;
    private final Duties duties;
    private final AuditLog audit;
    private final Clock clock;

    PeriodDeclaration(PeriodRepository store, ZeroReports zeroReports, OrganisationDirectory organisations, Duties duties, AuditLog audit,
                      Clock clock) {
        this.store = store;
        this.zeroReports = zeroReports;
        this.organisations = organisations;
        this.duties = duties;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Period declare(NewPeriod p) {
        Actor actor = Periods.supervisor();
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
        long id = store.insert(kind, p.name().strip(), start, end, redTeam, Db.blank(p.note()) ? null : p.note().strip(), now, actor);
        participants.values().forEach(o -> store.insertParticipant(id, o));
        audit.record(AuditEvent.success("period.declare", "supervision-period:" + id, kind + " " + p.name().strip() + " " + start + "–" + end
                + " participants=" + participants.values().stream().map(OrganisationView::name).collect(Collectors.joining("、"))));
        Period period = store.require(id);
        zeroReports.raiseDays(period, now);
        return period;
    }

    /** The supervisor cancels a period that has not ended: nothing more is raised; the day's open zero reports close. */
    @Transactional
    Period cancel(long id, String reason) {
        Actor actor = Periods.supervisor();
        Period period = store.require(id);
        Instant now = clock.instant();
        State state = period.requireCancellable(now);
        if (Db.blank(reason) || reason.strip().length() > 1000) {
            throw new InvalidInput("periods.error.invalid", Map.of("reason", "periods.error.reason"));
        }
        store.cancel(id, now, actor.username(), reason.strip());
        if (state == State.RUNNING) {
            String today = PeriodDayStarted.reference(id, Db.today(clock));
            if (duties.raisedBy(today).stream().anyMatch(d -> d.state().awaitsSubmission())) {
                duties.fulfil(today, "攻防/重保期已取消：" + reason.strip());
            }
        }
        audit.record(AuditEvent.success("period.cancel", "supervision-period:" + id, period.name() + ": " + reason.strip()));
        return store.require(id);
    }
}
