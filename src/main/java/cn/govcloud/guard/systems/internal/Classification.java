package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A system's classification flags (issue 22 point 3): the 非涉密 declaration the unit makes at registration — A2 (第二条):
 * the government cloud serves only 非涉密 government systems, so a system that processes state secrets has no place on it —
 * and, beside it, the 关基 flag the supervisor records ({@link CriticalInfrastructure}). Without the declaration a system
 * may not ask for admission (409 naming {@code A2}). The 保密 reviewer (Role.SECRECY_REVIEWER) reads both flags city-wide,
 * and nothing else of the system.
 */
@Service
public class Classification {
    static final int DECLARANT_MAX = 100;

    private final JdbcClient jdbc;
    private final SystemRepository systems;
    private final SystemChanges changes;
    private final OrganisationDirectory organisations;
    private final AuditLog audit;

    Classification(JdbcClient jdbc, SystemRepository systems, SystemChanges changes, OrganisationDirectory organisations, AuditLog audit) {
        this.jdbc = jdbc;
        this.systems = systems;
        this.changes = changes;
        this.organisations = organisations;
        this.audit = audit;
    }

    /** The 非涉密 declaration: {@code declared} false when the unit has not made it (then the rest is null). */
    public record Declaration(boolean declared, String declarant, Instant declaredAt, String declaredBy) {
        static final Declaration NONE = new Declaration(false, null, null, null);
    }

    /** Both flags of one system, as lists show them. */
    public record Flags(boolean cii, boolean nonClassified) {
        static final Flags NONE = new Flags(false, false);
    }

    @Transactional(readOnly = true)
    public Declaration declaration(long systemId) {
        return jdbc.sql("select non_classified, non_classified_declarant, non_classified_at, non_classified_by from systems_system where id = :id")
                .param("id", systemId).query((rs, i) -> declaration(rs)).optional().orElse(Declaration.NONE);
    }

    private static Declaration declaration(ResultSet rs) throws SQLException {
        return rs.getBoolean("non_classified")
                ? new Declaration(true, rs.getString("non_classified_declarant"), instant(rs.getTimestamp("non_classified_at")),
                        rs.getString("non_classified_by"))
                : Declaration.NONE;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * A2: the unit declares that the system processes no state secrets — the box ticked ({@code confirmed} true) and the
     * person who declares named; the time is the platform's. A unit's people only, for their own system, until it exits;
     * declaring again replaces the declarant and time. On the timeline and in the audit log.
     */
    @Transactional
    public Declaration declare(long systemId, Boolean confirmed, String declarant, Actor actor) {
        Checks.requireUnit(actor);
        HostedSystem system = systems.visible(systemId, actor);
        system.requireNotExited();
        Checks.valid(declarationErrors(confirmed, declarant));
        String who = Checks.stripped(declarant);
        Instant now = changes.now();
        jdbc.sql("update systems_system set non_classified = true, non_classified_declarant = :who, non_classified_at = :now, "
                        + "non_classified_by = :by where id = :id")
                .param("who", who).param("now", Timestamp.from(now)).param("by", actor.username()).param("id", systemId).update();
        changes.note(system, "NON_CLASSIFIED", "A2", who, actor, now);
        audit.record(AuditEvent.success("systems.non-classified", system.reference(), "非涉密 declared by " + who));
        return declaration(systemId);
    }

    /** The field errors of a declaration (field to message key), empty when it is complete. */
    public static Map<String, String> declarationErrors(Boolean confirmed, String declarant) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!Boolean.TRUE.equals(confirmed)) {
            errors.put("nonClassified", "systems.nonClassified.error.confirm");
        }
        String who = Checks.stripped(declarant);
        if (who == null || who.length() > DECLARANT_MAX) {
            errors.put("nonClassifiedDeclarant", "systems.nonClassified.error.declarant");
        }
        return errors;
    }

    /** A2: no admission request for a system whose unit has not declared it 非涉密. */
    void requireDeclared(long systemId) {
        if (!declaration(systemId).declared()) {
            throw new RuleViolation("A2", "systems.refused.nonClassified");
        }
    }

    /** The flags of several systems in one query; unknown ids are left out. */
    @Transactional(readOnly = true)
    public Map<Long, Flags> flags(Collection<Long> ids) {
        Map<Long, Flags> flags = new HashMap<>();
        if (ids.isEmpty()) {
            return flags;
        }
        jdbc.sql("select id, cii, non_classified from systems_system where id in (:ids)").param("ids", List.copyOf(ids))
                .query((rs, i) -> flags.put(rs.getLong(1), new Flags(rs.getBoolean(2), rs.getBoolean(3)))).list();
        return flags;
    }

    public Flags flags(long id) {
        return flags(List.of(id)).getOrDefault(id, Flags.NONE);
    }

    // ---- the 保密 reviewer's register of flags (city-wide) ----------------------------------------------------------

    /** One system as the 保密 reviewer sees it: who runs it, its level and state, and the two flags with their record. */
    public record Entry(long id, String name, long unitId, String unitName, int mlpsLevel, SystemState state, boolean cii,
                        String ciiDepartment, Declaration declaration) {
    }

    /** Filters; null means any. {@code name} matches part of the name. */
    public record Filter(Long unitId, Boolean cii, Boolean nonClassified, SystemState state, String name) {
        public static Filter none() {
            return new Filter(null, null, null, null, null);
        }
    }

    /**
     * One page of the register of flags, newest first (keyset on id): every system city-wide, drafts included (a draft's
     * declaration is what the reviewer checks before it comes on). For the 保密 reviewer, the supervisor and the regulators.
     */
    @Transactional(readOnly = true)
    public List<Entry> page(Actor actor, Filter f, Long beforeId, int limit) {
        if (!actor.has(Role.SECRECY_REVIEWER) && !actor.has(Role.SUPERVISOR) && !actor.has(Role.REGULATOR)) {
            throw new AccessDeniedException("the register of classification flags is the 保密 reviewer's and the oversight's");
        }
        KeysetQuery query = new KeysetQuery("select id, org_id, name, mlps_level, state, cii, cii_department, non_classified, "
                + "non_classified_declarant, non_classified_at, non_classified_by from systems_system where 1=1")
                .equal("org_id", "org", f.unitId()).equal("cii", "cii", f.cii()).equal("non_classified", "nc", f.nonClassified())
                .equal("state", "state", f.state()).nameContains("name", f.name());
        Map<Long, String> names = new HashMap<>();
        for (OrganisationView o : organisations.all()) {
            names.put(o.id(), o.name());
        }
        return query.page(jdbc, "id", beforeId, limit, (rs, i) -> new Entry(rs.getLong("id"), rs.getString("name"),
                rs.getLong("org_id"), names.getOrDefault(rs.getLong("org_id"), ""), rs.getInt("mlps_level"),
                SystemState.valueOf(rs.getString("state")), rs.getBoolean("cii"), rs.getString("cii_department"), declaration(rs)));
    }

    /** The units, for the register's filter. */
    public List<OrganisationView> units() {
        return organisations.ofKind(cn.govcloud.guard.shared.OrgKind.UNIT);
    }
}
