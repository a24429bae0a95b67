package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.notify.Inbox;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issue 23 point 8 (leftover): a system's declared network exposure is the unit's to edit while the registration is a
 * draft; after that a change is a request — the exposure asked for and the reason — that the supervisor approves (the
 * exposure changes) or rejects with a reason (A11.2: the supervisor decides what a system may be opened to). So an
 * admitted system registered without INTERNET can, once the change is approved, be switched to internet access. Each
 * step is on the system's timeline and audited; one request at a time; a change that drops INTERNET while internet
 * access is on is refused (switch it off first).
 */
@Service
public class ExposureChanges {
    static final int REASON_MAX = 2000;

    public enum State { PENDING, APPROVED, REJECTED }

    public record ExposureChange(long id, long systemId, Set<Exposure> exposure, Set<Exposure> previousExposure, String reason, State state,
                                 Instant requestedAt, String requestedBy, Instant decidedAt, String decidedBy, String decisionNote) {
    }

    private final JdbcClient jdbc;
    private final SystemRepository systems;
    private final SystemChanges changes;
    private final OrganisationDirectory organisations;
    private final Inbox inbox;
    private final AuditLog audit;

    ExposureChanges(JdbcClient jdbc, SystemRepository systems, SystemChanges changes, OrganisationDirectory organisations, Inbox inbox,
                    AuditLog audit) {
        this.jdbc = jdbc;
        this.systems = systems;
        this.changes = changes;
        this.organisations = organisations;
        this.inbox = inbox;
        this.audit = audit;
    }

    /** A system's requests, newest first (the caller has checked who may see the system). */
    @Transactional(readOnly = true)
    public List<ExposureChange> of(long systemId) {
        return jdbc.sql("select * from systems_exposure_change where system_id = :id order by id desc").param("id", systemId)
                .query((rs, i) -> map(rs)).list();
    }

    /** The unit asks; a draft is edited instead (409), as is an exited system's; 400 naming each bad field. */
    @Transactional
    public ExposureChange request(long systemId, List<String> exposure, String reason, Actor actor) {
        Checks.requireUnit(actor);
        HostedSystem system = systems.visible(systemId, actor);
        system.requireNotExited();
        if (system.state() == SystemState.DRAFT) {
            throw new RuleViolation("A11.2", "systems.exposureChange.refused.draft");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Set<Exposure> wanted = EnumSet.noneOf(Exposure.class);
        for (String e : exposure == null ? List.<String>of() : exposure) {
            if (e == null || e.isBlank()) {
                continue;
            }
            try {
                wanted.add(Exposure.valueOf(e.strip()));
            } catch (IllegalArgumentException ex) {
                errors.put("exposure", "systems.error.exposure");
            }
        }
        if (wanted.isEmpty()) {
            errors.putIfAbsent("exposure", "systems.error.exposure");
        } else if (wanted.equals(system.exposure())) {
            errors.putIfAbsent("exposure", "systems.exposureChange.error.same");
        }
        String why = Checks.stripped(reason);
        if (why == null || why.length() > REASON_MAX) {
            errors.put("reason", "systems.error.reason");
        }
        Checks.valid(errors);
        if (jdbc.sql("select count(*) from systems_exposure_change where system_id = :id and state = 'PENDING'").param("id", systemId)
                .query(Long.class).single() > 0) {
            throw new RuleViolation("A11.2", "systems.exposureChange.refused.pending");
        }
        if (system.internetAccess() && !wanted.contains(Exposure.INTERNET)) {
            throw new RuleViolation("A11.2", "systems.exposureChange.refused.internetOn");
        }
        Instant now = changes.now();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into systems_exposure_change (system_id, exposure, previous_exposure, reason, state, requested_at, requested_by)
                values (:system, :exposure, :previous, :reason, 'PENDING', :now, :by)""")
                .param("system", systemId).param("exposure", text(wanted)).param("previous", text(system.exposure())).param("reason", why)
                .param("now", Timestamp.from(now)).param("by", actor.username()).update(key, "id");
        long id = key.getKey().longValue();
        changes.note(system, "EXPOSURE_CHANGE_REQUESTED", "A11.2", text(system.exposure()) + " → " + text(wanted) + "：" + why, actor, now);
        audit.record(AuditEvent.success("systems.exposure-change.request", system.reference(),
                "change " + id + ": " + text(system.exposure()) + " → " + text(wanted) + "; reason: " + why));
        for (OrganisationView supervisor : organisations.ofKind(OrgKind.SUPERVISOR)) {
            inbox.deliver(new Notice("systems:exposure-change:" + id + ":" + supervisor.id(), supervisor.id(), Set.of(Role.SUPERVISOR),
                    "systems.exposureChange.notice", List.of(system.name(), system.orgName()), "/systems/" + systemId,
                    Notice.Severity.INFO, now));
        }
        return find(id);
    }

    /** The supervisor decides a pending request: approved, the system's exposure becomes the one asked for; rejected, with a reason. */
    @Transactional
    public ExposureChange decide(long systemId, long changeId, boolean approve, String note, Actor actor) {
        Checks.requireSupervisor(actor);
        HostedSystem system = systems.visible(systemId, actor);
        ExposureChange change = of(systemId).stream().filter(c -> c.id() == changeId).findFirst()
                .orElseThrow(() -> new NotFound("exposure change " + changeId));
        String why = Checks.stripped(note);
        if (!approve && (why == null || why.length() > REASON_MAX)) {
            Checks.valid(Map.of("note", "systems.exposureChange.error.note"));
        }
        if (why != null && why.length() > REASON_MAX) {
            Checks.valid(Map.of("note", "systems.exposureChange.error.note"));
        }
        Instant now = changes.now();
        if (jdbc.sql("update systems_exposure_change set state = :state, decided_at = :now, decided_by = :by, decision_note = :note "
                        + "where id = :id and state = 'PENDING'")
                .param("state", approve ? "APPROVED" : "REJECTED").param("now", Timestamp.from(now)).param("by", actor.username())
                .param("note", why).param("id", changeId).update() == 0) {
            throw new RuleViolation("A11.2", "systems.exposureChange.refused.decided");
        }
        if (approve) {
            if (system.internetAccess() && !change.exposure().contains(Exposure.INTERNET)) {
                throw new RuleViolation("A11.2", "systems.exposureChange.refused.internetOn");
            }
            jdbc.sql("update systems_system set exposure = :exposure, updated_at = :now where id = :id")
                    .param("exposure", text(change.exposure())).param("now", Timestamp.from(now)).param("id", systemId).update();
        }
        changes.note(system, approve ? "EXPOSURE_CHANGE_APPROVED" : "EXPOSURE_CHANGE_REJECTED", "A11.2",
                text(change.previousExposure()) + " → " + text(change.exposure()) + (why == null ? "" : "：" + why), actor, now);
        audit.record(AuditEvent.success("systems.exposure-change." + (approve ? "approve" : "reject"), system.reference(),
                "change " + changeId + ": " + text(change.exposure()) + (why == null ? "" : "; " + why)));
        return find(changeId);
    }

    private ExposureChange find(long id) {
        return jdbc.sql("select * from systems_exposure_change where id = :id").param("id", id).query((rs, i) -> map(rs)).single();
    }

    private static ExposureChange map(ResultSet rs) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new ExposureChange(rs.getLong("id"), rs.getLong("system_id"), parse(rs.getString("exposure")),
                parse(rs.getString("previous_exposure")), rs.getString("reason"), State.valueOf(rs.getString("state")),
                rs.getTimestamp("requested_at").toInstant(), rs.getString("requested_by"), decided == null ? null : decided.toInstant(),
                rs.getString("decided_by"), rs.getString("decision_note"));
    }

    private static Set<Exposure> parse(String text) {
        Set<Exposure> set = EnumSet.noneOf(Exposure.class);
        for (String e : text.split(",")) {
            if (!e.isBlank()) {
                set.add(Exposure.valueOf(e));
            }
        }
        return set;
    }

    private static String text(Set<Exposure> exposure) {
        return exposure.stream().map(Enum::name).collect(Collectors.joining(","));
    }
}
