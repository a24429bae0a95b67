package cn.govcloud.guard.supervision.followups;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.DutySubmitted;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issue 17 point 11 (A5.4 每日巡检 … 密码资源池有效性验证 … 安全事件零报告, A11.3 隐患通知和跟踪): the daily
 * inspection is not only filed, its content is read. An abnormal device or system and a cryptographic resource
 * pool not fully valid become a hazard draft, reported security events an incident draft, each for the supervisor,
 * who is told at once and then raises the hazard on the system concerned, asks the provider for the incident
 * report (A10.4, 30 minutes for grade III and above), or dismisses the draft with a reason. Nothing is raised
 * without the supervisor: the platform-level report names no hosted system, and a human picks it.
 */
@Service
public class InspectionFollowUps {
    static final String DAILY_INSPECTION = "A5.4-daily-inspection";
    public static final List<String> STATES = List.of("OPEN", "HAZARD_RAISED", "INCIDENT_REQUESTED", "DISMISSED");

    public record FollowUp(long id, long dutyId, long providerOrgId, LocalDate day, String kind, String proposal, String detail, String state,
                           Long hazardId, String decidedBy, Instant decidedAt, String note, Instant createdAt) {
        public boolean open() {
            return "OPEN".equals(state);
        }
    }

    private final JdbcClient jdbc;
    private final Hazards hazards;
    private final OrganisationDirectory organisations;
    private final Inbox inbox;
    private final AuditLog audit;
    private final Clock clock;

    InspectionFollowUps(JdbcClient jdbc, Hazards hazards, OrganisationDirectory organisations, Inbox inbox, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.hazards = hazards;
        this.organisations = organisations;
        this.inbox = inbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a daily inspection's fields call for: kind → (proposal, detail). */
    static Map<String, String[]> findings(Map<String, String> f) {
        Map<String, String[]> out = new LinkedHashMap<>();
        if ("异常".equals(f.get("devicesStatus"))) {
            out.put("DEVICE_ABNORMAL", new String[] {"HAZARD", f.getOrDefault("devicesNote", "设备运行状态异常")});
        }
        if ("异常".equals(f.get("systemsStatus"))) {
            out.put("SYSTEM_ABNORMAL", new String[] {"HAZARD", f.getOrDefault("systemsNote", "系统运行状态异常")});
        }
        String pool = f.get("cryptoPoolResult");
        if ("false".equals(f.get("cryptoPoolChecked")) || (pool != null && !"有效".equals(pool))) {
            out.put("CRYPTO_POOL", new String[] {"HAZARD", "密码资源池验证结果：" + (pool == null ? "未验证" : pool)
                    + ("false".equals(f.get("cryptoPoolChecked")) ? "（当日未验证）" : "")});
        }
        BigDecimal events = parse(f.get("securityEventCount"));
        if ("false".equals(f.get("noSecurityEvents")) || events.signum() > 0) {
            out.put("SECURITY_EVENTS", new String[] {"INCIDENT", "当日安全事件 " + events.toPlainString() + " 起"
                    + (f.get("securityEventDescription") == null ? "" : "：" + f.get("securityEventDescription"))});
        }
        return out;
    }

    private static BigDecimal parse(String n) {
        try {
            return n == null ? BigDecimal.ZERO : new BigDecimal(n);
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    /** In the submitting transaction: one draft per finding, and the supervisors told at once. */
    @EventListener
    void onSubmitted(DutySubmitted s) {
        if (!DAILY_INSPECTION.equals(s.ruleId())) {
            return;
        }
        Map<String, String[]> found = findings(s.fields());
        if (found.isEmpty()) {
            return;
        }
        OffsetDateTime now = s.at().atOffset(ZoneOffset.UTC);
        LocalDate day = s.periodStart() != null ? s.periodStart() : s.at().atZone(cn.govcloud.guard.calendar.WorkingCalendar.ZONE).toLocalDate();
        found.forEach((kind, v) -> jdbc.sql("insert into supervision_inspection_followup (duty_id, submission_id, provider_org_id, inspection_day, "
                        + "kind, proposal, detail, state, created_at) values (:duty, :sub, :org, :day, :kind, :proposal, :detail, 'OPEN', :now)")
                .param("duty", s.dutyId()).param("sub", s.submissionId()).param("org", s.orgId()).param("day", day).param("kind", kind)
                .param("proposal", v[0]).param("detail", v[1].length() > 4000 ? v[1].substring(0, 4000) : v[1]).param("now", now).update());
        audit.record(AuditEvent.success("supervision.followup.raise", "duty:" + s.dutyId(), day + " " + found.keySet()));
        for (var org : organisations.ofKind(OrgKind.SUPERVISOR)) {
            inbox.deliver(new Notice("inspection-followup:" + s.submissionId() + ":" + org.id(), org.id(), Set.of(Role.SUPERVISOR),
                    "followups.notice.raised", List.of(day.toString(), String.valueOf(found.size())), "/supervision/inspection-follow-ups",
                    Notice.Severity.WARNING, s.at()));
        }
    }

    /** Newest first; the supervisor and the regulators see them all, the provider its own. */
    @Transactional(readOnly = true)
    public List<FollowUp> list(Actor actor, boolean openOnly) {
        String where = openOnly ? " where state = 'OPEN'" : "";
        if (actor.orgKind() == OrgKind.PROVIDER) {
            where = (where.isEmpty() ? " where " : where + " and ") + "provider_org_id = " + actor.orgId();
        } else if (actor.orgKind() != OrgKind.SUPERVISOR && actor.orgKind() != OrgKind.REGULATOR) {
            throw new AccessDeniedException("the daily inspection's follow-up is the supervisor's");
        }
        return jdbc.sql("select * from supervision_inspection_followup" + where + " order by id desc limit 500").query(InspectionFollowUps::map).list();
    }

    /**
     * Issue 23 point 11: one page of the follow-ups the actor may see (the provider its own), newest first — the keyword in
     * the inspection's words, the decision's note or the day, the state one of {@link #STATES}.
     */
    @Transactional(readOnly = true)
    public cn.govcloud.guard.shared.Page<FollowUp> search(Actor actor, cn.govcloud.guard.shared.ListFilter filter) {
        cn.govcloud.guard.supervision.scheduling.ListSql sql = new cn.govcloud.guard.supervision.scheduling.ListSql()
                .keyword(filter, "detail", "note", "cast(inspection_day as varchar(10))");
        if (actor.orgKind() == OrgKind.PROVIDER) {
            sql.and("provider_org_id = :own", "own", actor.orgId());
        } else if (actor.orgKind() != OrgKind.SUPERVISOR && actor.orgKind() != OrgKind.REGULATOR) {
            throw new AccessDeniedException("the daily inspection's follow-up is the supervisor's");
        }
        if (filter.state() != null) {
            sql.and("state = :state", "state", filter.state());
        }
        return sql.page(jdbc, "*", "supervision_inspection_followup", "id desc", filter, InspectionFollowUps::map);
    }

    private static FollowUp map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long h = rs.getLong("hazard_id");
        Long hazard = rs.wasNull() ? null : h;
        OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
        return new FollowUp(rs.getLong("id"), rs.getLong("duty_id"), rs.getLong("provider_org_id"), rs.getObject("inspection_day", LocalDate.class),
                rs.getString("kind"), rs.getString("proposal"), rs.getString("detail"), rs.getString("state"), hazard,
                rs.getString("decided_by"), decided == null ? null : decided.toInstant(), rs.getString("note"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private FollowUp openOne(long id, Actor actor) {
        if (!actor.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("the supervisor follows the daily inspection up");
        }
        FollowUp f = list(actor, false).stream().filter(x -> x.id() == id).findFirst().orElseThrow(() -> new NotFound("follow-up " + id));
        if (!f.open()) {
            throw new RuleViolation("A11.3", "followups.error.decided");
        }
        return f;
    }

    /** A11.3: the hazard draft becomes a hazard notice on the system concerned (source INSPECTION), from the supervisor. */
    @Transactional
    public FollowUp raiseHazard(long id, Long systemId, String severity, String title) {
        Actor actor = Actor.require();
        FollowUp f = openOne(id, actor);
        Map<String, String> errors = new LinkedHashMap<>();
        if (systemId == null) {
            errors.put("systemId", "followups.error.systemId");
        }
        Hazards.Severity level = null;
        try {
            level = severity == null ? null : Hazards.Severity.valueOf(severity);
        } catch (IllegalArgumentException e) {
            level = null;
        }
        if (level == null) {
            errors.put("severity", "followups.error.severity");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("followups.error.invalid", errors);
        }
        String t = title == null || title.isBlank() ? "巡检发现：" + text(f) : title.strip();
        Hazards.Raised raised = hazards.raise(new Hazards.NewHazard(systemId, t.length() > 200 ? t.substring(0, 200) : t, level,
                f.detail(), null, "INSPECTION", "inspection-followup:" + id));
        decide(id, "HAZARD_RAISED", raised.id(), actor, null);
        audit.record(AuditEvent.success("supervision.followup.hazard", "inspection-followup:" + id, "hazard " + raised.id()));
        return list(actor, false).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    }

    /** A10.4: the incident draft goes to the provider, which reports the platform incident (graded, on its clock). */
    @Transactional
    public FollowUp requestIncident(long id, String note) {
        Actor actor = Actor.require();
        FollowUp f = openOne(id, actor);
        String n = note == null || note.isBlank() ? null : note.strip();
        if (n != null && n.length() > 2000) {
            throw new InvalidInput("followups.error.invalid", Map.of("note", "followups.error.note"));
        }
        decide(id, "INCIDENT_REQUESTED", null, actor, n);
        inbox.deliver(new Notice("inspection-followup:" + id + ":incident", f.providerOrgId(), Set.of(Role.PROVIDER_OPERATOR),
                "followups.notice.incident", List.of(f.day().toString(), f.detail() == null ? "" : f.detail(), n == null ? "—" : n),
                "/incidents/new", Notice.Severity.CRITICAL, clock.instant()));
        audit.record(AuditEvent.success("supervision.followup.incident", "inspection-followup:" + id, n == null ? "" : n));
        return list(actor, false).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    }

    @Transactional
    public FollowUp dismiss(long id, String reason) {
        Actor actor = Actor.require();
        openOne(id, actor);
        if (reason == null || reason.isBlank() || reason.strip().length() > 2000) {
            throw new InvalidInput("followups.error.invalid", Map.of("reason", "followups.error.reason"));
        }
        decide(id, "DISMISSED", null, actor, reason.strip());
        audit.record(AuditEvent.success("supervision.followup.dismiss", "inspection-followup:" + id, reason.strip()));
        return list(actor, false).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    }

    private void decide(long id, String state, Long hazardId, Actor actor, String note) {
        int changed = jdbc.sql("update supervision_inspection_followup set state = :s, hazard_id = :h, decided_by = :by, decided_at = :at, "
                        + "note = :note where id = :id and state = 'OPEN'")
                .param("s", state).param("h", hazardId).param("by", actor.username()).param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .param("note", note).param("id", id).update();
        if (changed == 0) {
            throw new RuleViolation("A11.3", "followups.error.decided");
        }
    }

    private static String text(FollowUp f) {
        return switch (f.kind()) {
            case "DEVICE_ABNORMAL" -> "设备运行异常";
            case "SYSTEM_ABNORMAL" -> "系统运行异常";
            case "CRYPTO_POOL" -> "密码资源池验证未通过";
            default -> "安全事件";
        } + "（" + f.day() + "）";
    }

    static List<String> kinds() {
        return new ArrayList<>(List.of("DEVICE_ABNORMAL", "SYSTEM_ABNORMAL", "CRYPTO_POOL", "SECURITY_EVENTS"));
    }
}
