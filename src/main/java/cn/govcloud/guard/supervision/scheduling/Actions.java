package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.supervision.SchedulingActionAssigned;
import cn.govcloud.guard.systems.Systems;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Actions the monthly scheduling assigns (A11.3 "跟踪督促整改落实"). An action for a unit or the
 * provider becomes a duty of catalog rule {@code A11.3-scheduling-action(-provider)}, raised with the
 * rule's shortest lead time and moved to the date the supervisor chose; an action on a hosted system
 * becomes a hazard notice, which starts the owning unit's five working days (A10.2).
 */
@Service
public class Actions {
    /** The catalog's trigger of {@link SchedulingActionAssigned}. */
    static final String EVENT = "scheduling.action-assigned";
    static final String UNIT_RULE = "A11.3-scheduling-action";
    static final String PROVIDER_RULE = "A11.3-scheduling-action-provider";

    private final JdbcClient jdbc;
    private final Sessions sessions;
    private final Duties duties;
    private final Hazards hazards;
    private final Systems systems;
    private final OrganisationDirectory organisations;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Actions(JdbcClient jdbc, Sessions sessions, Duties duties, Hazards hazards, Systems systems, OrganisationDirectory organisations,
            AuditLog audit, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.duties = duties;
        this.hazards = hazards;
        this.systems = systems;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the supervisor assigns: {@code kind} DUTY (for {@code orgId}, due {@code dueDate}) or HAZARD (on {@code systemId}, with {@code severity}). */
    public record NewAction(String kind, String title, String description, Long orgId, Long systemId, LocalDate dueDate, String severity) {
    }

    public record Action(long id, long sessionId, String kind, String title, String description, long orgId, String orgName, Long systemId,
                         String systemName, String severity, LocalDate dueDate, boolean dueProvisional, Long dutyId, Long hazardId,
                         Instant createdAt, String createdBy) {
        public String link() {
            return dutyId != null ? "/duties/" + dutyId : "/hazards/" + hazardId;
        }
    }

    @Transactional
    public Action assign(long sessionId, NewAction a) {
        Db.supervisor();
        sessions.openSession(sessionId);
        Map<String, String> errors = new LinkedHashMap<>();
        String kind = a.kind() == null ? "" : a.kind().strip().toUpperCase(java.util.Locale.ROOT);
        if (!kind.equals("DUTY") && !kind.equals("HAZARD")) {
            errors.put("kind", "scheduling.error.kind");
        }
        if (Db.blank(a.title()) || a.title().strip().length() > 300) {
            errors.put("title", "scheduling.error.title");
        }
        OrganisationView org = null;
        Systems.SystemRef system = null;
        Hazards.Severity severity = null;
        if (kind.equals("DUTY")) {
            org = a.orgId() == null ? null : organisations.byId(a.orgId())
                    .filter(o -> o.kind() == OrgKind.UNIT || o.kind() == OrgKind.PROVIDER).orElse(null);
            if (org == null) {
                errors.put("orgId", "scheduling.error.orgId");
            }
            if (a.dueDate() == null || !a.dueDate().isAfter(Db.today(clock))) {
                errors.put("dueDate", "scheduling.error.dueDate");
            }
        } else if (kind.equals("HAZARD")) {
            system = a.systemId() == null ? null : systems.find(a.systemId()).filter(s -> !"EXITED".equals(s.state())).orElse(null);
            if (system == null) {
                errors.put("systemId", "scheduling.error.systemId");
            }
            try {
                severity = Hazards.Severity.valueOf(a.severity() == null ? "" : a.severity().strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("severity", "scheduling.error.severity");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("scheduling.error.invalid", errors);
        }
        Actor actor = Actor.require();
        Instant now = clock.instant();
        long orgId = org != null ? org.id() : system.orgId();
        String orgName = org != null ? org.name() : organisations.byId(system.orgId()).map(OrganisationView::name).orElse("#" + system.orgId());
        long id = Db.insertedId(jdbc.sql("insert into supervision_action (session_id, kind, title, description, org_id, org_name, system_id, system_name, severity, "
                        + "due_date, created_at, created_by) values (:s, :k, :t, :d, :org, :orgName, :sys, :sysName, :sev, :due, :at, :by)")
                .param("s", sessionId).param("k", kind).param("t", a.title().strip()).param("d", Db.blank(a.description()) ? null : a.description().strip())
                .param("org", orgId).param("orgName", orgName).param("sys", system == null ? null : system.id())
                .param("sysName", system == null ? null : system.name()).param("sev", severity == null ? null : severity.name())
                .param("due", a.dueDate() == null ? Db.today(clock) : a.dueDate()).param("at", Db.ts(now)).param("by", actor.username()));
        String reference = "scheduling-action:" + id;
        if (kind.equals("DUTY")) {
            Duty duty = raiseDuty(org, id, reference, a.dueDate(), now);
            jdbc.sql("update supervision_action set duty_id = :d, due_date = :due, due_provisional = :provisional where id = :id")
                    .param("d", duty.id()).param("due", duty.dueDate()).param("provisional", duty.dueProvisional()).param("id", id).update();
        } else {
            Hazards.Raised raised = hazards.raise(new Hazards.NewHazard(system.id(), a.title().strip(), severity,
                    Db.blank(a.description()) ? a.title().strip() : a.description().strip(), now, "MANUAL", reference));
            jdbc.sql("update supervision_action set hazard_id = :h, due_date = :due, due_provisional = :provisional where id = :id")
                    .param("h", raised.id()).param("due", raised.dueDate()).param("provisional", raised.dueProvisional()).param("id", id).update();
        }
        Action action = find(id).orElseThrow();
        audit.record(AuditEvent.success("scheduling.action", "scheduling-session:" + sessionId, kind + " " + orgName + " "
                + a.title().strip() + " due " + action.dueDate() + (action.dutyId() != null ? " duty " + action.dutyId() : " hazard " + action.hazardId())));
        return action;
    }

    private Duty raiseDuty(OrganisationView org, long actionId, String reference, LocalDate dueDate, Instant now) {
        boolean provider = org.kind() == OrgKind.PROVIDER;
        Subject subject = new Subject(provider ? SubjectKind.PLATFORM : SubjectKind.UNIT, org.id(), org.name(), org.id(), Map.of());
        String rule = provider ? PROVIDER_RULE : UNIT_RULE;
        events.publishEvent(new SchedulingActionAssigned(actionId, subject, now));
        Duty duty = duties.raisedBy(reference).stream().filter(d -> d.ruleId().equals(rule)).findFirst()
                .orElseThrow(() -> new IllegalStateException("catalog has no " + rule + " for " + EVENT));
        if (dueDate.isBefore(duty.dueDate())) {
            // the catalog's shortest lead time: an earlier date cannot be met (the whole action rolls back)
            throw new InvalidInput("scheduling.error.invalid", Map.of("dueDate", "scheduling.error.dueDateTooEarly"));
        }
        if (dueDate.isAfter(duty.dueDate())) {
            duties.extend(reference, rule, dueDate, "月度调度确定的完成时限");
        }
        return duties.find(duty.id()).orElseThrow();
    }

    /**
     * An action's date is its duty's, or its hazard's rectification duty's (A11.3): a loaded holiday notice
     * that recomputes a provisional one moves the action's too, in the same transaction.
     */
    @org.springframework.context.event.EventListener
    void on(cn.govcloud.guard.duties.DutyDueRecomputed recomputed) {
        String hazardPrefix = "hazard:";
        Long hazard = "A10.2-rectify".equals(recomputed.ruleId()) && recomputed.reference() != null
                && recomputed.reference().startsWith(hazardPrefix) ? Long.valueOf(recomputed.reference().substring(hazardPrefix.length())) : null;
        jdbc.sql("update supervision_action set due_date = :due, due_provisional = :provisional where duty_id = :duty"
                        + (hazard == null ? "" : " or hazard_id = :hazard"))
                .param("due", recomputed.dueDate()).param("provisional", recomputed.dueProvisional()).param("duty", recomputed.dutyId())
                .param("hazard", hazard).update();
    }

    @Transactional(readOnly = true)
    public List<Action> ofSession(long sessionId) {
        return jdbc.sql("select * from supervision_action where session_id = :s order by id").param("s", sessionId).query(this::map).list();
    }

    /** The actions assigned to one organisation (a unit's or the provider's own). */
    @Transactional(readOnly = true)
    public List<Action> ofOrganisation(long orgId) {
        return jdbc.sql("select * from supervision_action where org_id = :o order by id desc").param("o", orgId).query(this::map).list();
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Action> find(long id) {
        return jdbc.sql("select * from supervision_action where id = :id").param("id", id).query(this::map).optional();
    }

    @Transactional(readOnly = true)
    public Action require(long sessionId, long id) {
        return find(id).filter(a -> a.sessionId() == sessionId).orElseThrow(() -> new NotFound("action " + id));
    }

    private Action map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Action(rs.getLong("id"), rs.getLong("session_id"), rs.getString("kind"), rs.getString("title"), rs.getString("description"),
                rs.getLong("org_id"), rs.getString("org_name"), Db.nullableLong(rs, "system_id"), rs.getString("system_name"),
                rs.getString("severity"), rs.getObject("due_date", LocalDate.class), rs.getBoolean("due_provisional"), Db.nullableLong(rs, "duty_id"),
                Db.nullableLong(rs, "hazard_id"), Db.instant(rs, "created_at"), rs.getString("created_by"));
    }
}
