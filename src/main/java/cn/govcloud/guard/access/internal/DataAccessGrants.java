package cn.govcloud.guard.access.internal;

import static cn.govcloud.guard.access.internal.Columns.ts;

import cn.govcloud.guard.access.Grants;
import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.access.DataAccessGrantEnded;
import cn.govcloud.guard.access.DataAccessRequested;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.Notifier;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.ProviderDataAccess;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A8.1: the provider asks a unit for access to a system's data (purpose, scope 查看/复制/修改/迁移,
 * window); the unit's security officer grants or refuses. Accesses are recorded under the grant — by
 * the provider's staff, or by the platform when it shows the provider a granted system — and an access
 * reported without an active grant is stored as a violation the supervisor is told of at once. The lists and the
 * detail are {@link GrantQueries}.
 */
@Service
public class DataAccessGrants implements Grants, ProviderDataAccess {
    /** The catalog parameter (issue 17 point 16): the longest a single grant may run; the unit grants again for longer work. */
    static final String MAX_GRANT = "A8.1-grant-max-window";

    public record Grant(long id, long orgId, long systemId, long providerOrgId, String purpose, Set<Purpose> scope, Instant startsAt,
                        Instant endsAt, String status, String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt,
                        String decisionReason, boolean active) {
    }

    public record Access(long id, Long grantId, long orgId, long systemId, long providerOrgId, String purpose, String actor, String detail,
                         String source, Instant accessedAt, boolean violation) {
    }

    private final JdbcClient jdbc;
    private final Systems systems;
    private final Duties duties;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Notifier notifier;
    private final OrganisationDirectory organisations;
    private final Clock clock;
    private final cn.govcloud.guard.rules.RuleCatalog catalog;
    private final GrantQueries queries;

    DataAccessGrants(JdbcClient jdbc, Systems systems, Duties duties, ApplicationEventPublisher events, AuditLog audit, Notifier notifier, OrganisationDirectory organisations,
                     Clock clock, cn.govcloud.guard.rules.RuleCatalog catalog, GrantQueries queries) {
        this.catalog = catalog;
        this.queries = queries;
        this.jdbc = jdbc;
        this.systems = systems;
        this.duties = duties;
        this.events = events;
        this.audit = audit;
        this.notifier = notifier;
        this.organisations = organisations;
        this.clock = clock;
    }

    /** A8.1: the longest window of one grant, from the catalog in force (a district may change it). */
    public Duration maxGrant() {
        return catalog.parameter(MAX_GRANT).duration();
    }

    // ---- the public API --------------------------------------------------------------------------

    @Override
    @Transactional(readOnly = true)
    public boolean allows(long providerOrgId, long systemId, Purpose purpose, Instant at) {
        return activeGrant(providerOrgId, systemId, purpose, at) != null;
    }

    private Long activeGrant(long providerOrgId, long systemId, Purpose purpose, Instant at) {
        return jdbc.sql("select id, scope from access_grant where provider_org_id = :p and system_id = :s and status = 'GRANTED' "
                        + "and starts_at <= :at and ends_at > :at order by id").param("p", providerOrgId).param("s", systemId).param("at", ts(at))
                .query((rs, i) -> parse(rs.getString("scope")).contains(purpose) ? rs.getLong("id") : null).list().stream()
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** The systems module asks before it shows the provider a unit's system; an allowed read is recorded under the grant. */
    @Override
    @Transactional
    public boolean authoriseView(long providerOrgId, String username, long systemId) {
        Instant now = clock.instant();
        Long grant = activeGrant(providerOrgId, systemId, Purpose.VIEW, now);
        if (grant == null) {
            return false;
        }
        SystemRef system = systems.find(systemId).orElse(null);
        if (system == null) {
            return false;
        }
        insertAccess(grant, system, providerOrgId, Purpose.VIEW, username, "系统登记信息（平台内查看）", "PLATFORM", now);
        audit.record(AuditEvent.success("access.data.view", "system:" + systemId, "A8.1 provider read under grant:" + grant));
        return true;
    }

    // ---- requests and decisions ------------------------------------------------------------------

    @Transactional
    public long request(long systemId, String purpose, Set<Purpose> scope, Instant startsAt, Instant endsAt) {
        Actor actor = Actor.require();
        if (actor.orgKind() != OrgKind.PROVIDER) {
            throw new AccessDeniedException("the provider asks for access to a unit's data");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        SystemRef system = systems.find(systemId).orElse(null);
        if (system == null) {
            errors.put("systemId", "access.grant.error.system");
        }
        if (purpose == null || purpose.isBlank() || purpose.strip().length() > 500) {
            errors.put("purpose", "access.grant.error.purpose");
        }
        if (scope == null || scope.isEmpty()) {
            errors.put("scope", "access.grant.error.scope");
        }
        if (startsAt == null) {
            errors.put("startsAt", "access.grant.error.startsAt");
        }
        if (endsAt == null || (startsAt != null && !endsAt.isAfter(startsAt)) || !endsAt.isAfter(clock.instant())
                || (startsAt != null && Duration.between(startsAt, endsAt).compareTo(maxGrant()) > 0)) {
            errors.put("endsAt", "access.grant.error.endsAt");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("access.grant.error.invalid", errors);
        }
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into access_grant (org_id, system_id, provider_org_id, purpose, scope, starts_at, ends_at, status, requested_by, "
                        + "requested_at) values (:org, :system, :provider, :purpose, :scope, :starts, :ends, 'REQUESTED', :by, :now)")
                .param("org", system.orgId()).param("system", systemId).param("provider", actor.orgId()).param("purpose", purpose.strip())
                .param("scope", format(scope)).param("starts", ts(startsAt)).param("ends", ts(endsAt)).param("by", actor.username())
                .param("now", ts(now)).update(key, "id");
        long id = key.getKey().longValue();
        events.publishEvent(new DataAccessRequested(id, AccessSubjects.system(system), now));
        audit.record(AuditEvent.success("access.grant.request", reference(id), "A8.1 system " + systemId + " " + format(scope) + " "
                + startsAt + "–" + endsAt));
        return id;
    }

    /** The owning unit's security officer grants or refuses (a refusal needs a reason). */
    @Transactional
    public void decide(long id, boolean grant, String reason) {
        Actor actor = Actor.require();
        Grant g = queries.visible(id, actor);
        if (!actor.has(Role.UNIT_SECURITY_OFFICER) || actor.orgId() != g.orgId()) {
            throw new AccessDeniedException("the owning unit's security officer decides (A8.1)");
        }
        if (!grant && (reason == null || reason.isBlank())) {
            throw new InvalidInput("access.grant.error.invalid", Map.of("reason", "access.grant.error.reason"));
        }
        int changed = jdbc.sql("update access_grant set status = :s, decided_by = :by, decided_at = :now, decision_reason = :r "
                        + "where id = :id and status = 'REQUESTED'").param("s", grant ? "GRANTED" : "REFUSED").param("by", actor.username())
                .param("now", ts(clock.instant())).param("r", Columns.blankToNull(reason)).param("id", id).update();
        if (changed != 1) {
            throw new RuleViolation("A8.1", "access.grant.error.decided");
        }
        duties.fulfil(reference(id), (grant ? "granted by " : "refused by ") + actor.username());
        audit.record(AuditEvent.success(grant ? "access.grant.grant" : "access.grant.refuse", reference(id), "A8.1 " + g.purpose()));
    }

    /** The unit withdraws a grant early; the review duty of the ended grant follows (A8.1). */
    @Transactional
    public void revoke(long id, String reason) {
        Actor actor = Actor.require();
        Grant g = queries.visible(id, actor);
        if (!actor.has(Role.UNIT_SECURITY_OFFICER) || actor.orgId() != g.orgId()) {
            throw new AccessDeniedException("the owning unit's security officer revokes (A8.1)");
        }
        // issue 23 point 8: a revocation is irreversible — its reason is required and written to the audit record
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("access.grant.error.invalid", Map.of("reason", "access.grant.error.revokeReason"));
        }
        Instant now = clock.instant();
        int changed = jdbc.sql("update access_grant set status = 'REVOKED', revoked_at = :now where id = :id and status = 'GRANTED'")
                .param("now", ts(now)).param("id", id).update();
        if (changed != 1) {
            throw new RuleViolation("A8.1", "access.grant.error.notGranted");
        }
        events.publishEvent(new DataAccessGrantEnded(id, AccessSubjects.system(systems.find(g.systemId()).orElseThrow()), now));
        audit.record(AuditEvent.success("access.grant.revoke", reference(id), "A8.1 revoked; reason: " + reason.strip()));
    }

    /**
     * The provider's staff (or its tooling) record an access to a unit's system data. Without an active
     * grant covering the purpose it is stored as a violation and the supervisor is told at once (A8.1).
     */
    @Transactional
    public Access recordAccess(long systemId, Purpose purpose, String detail) {
        Actor actor = Actor.require();
        if (actor.orgKind() != OrgKind.PROVIDER) {
            throw new AccessDeniedException("the provider reports its own accesses");
        }
        if (purpose == null) {
            throw new InvalidInput("access.grant.error.invalid", Map.of("purpose", "access.grant.error.scope"));
        }
        SystemRef system = systems.find(systemId)
                .orElseThrow(() -> new InvalidInput("access.grant.error.invalid", Map.of("systemId", "access.grant.error.system")));
        Instant now = clock.instant();
        Long grant = activeGrant(actor.orgId(), systemId, purpose, now);
        long id = insertAccess(grant, system, actor.orgId(), purpose, actor.username(), detail, "STAFF", now);
        if (grant == null) {
            organisations.ofKind(OrgKind.SUPERVISOR).forEach(org -> notifier.dispatch(new Notice("data-access-violation:" + id, org.id(),
                    Set.of(Role.SUPERVISOR), "access.notice.violation", List.of(system.name(), purpose.name(), actor.username()),
                    "/access/grants", Notice.Severity.CRITICAL, now)));
            audit.record(AuditEvent.of("access.data.violation", "system:" + systemId, AuditResult.FAILURE,
                    "A8.1 access without an active grant: " + purpose + " by " + actor.username()));
        } else {
            audit.record(AuditEvent.success("access.data.record", "system:" + systemId, "A8.1 " + purpose + " under grant:" + grant));
        }
        return queries.accesses(actor).stream().filter(a -> a.id() == id).findFirst().orElseThrow();
    }

    private long insertAccess(Long grant, SystemRef system, long providerOrgId, Purpose purpose, String username, String detail, String source,
                              Instant at) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into access_data_access (grant_id, org_id, system_id, provider_org_id, purpose, actor, detail, source, accessed_at, "
                        + "violation) values (:grant, :org, :system, :provider, :purpose, :actor, :detail, :source, :at, :violation)")
                .param("grant", grant).param("org", system.orgId()).param("system", system.id()).param("provider", providerOrgId)
                .param("purpose", purpose.name()).param("actor", username).param("detail", detail == null ? null
                        : detail.strip().substring(0, Math.min(detail.strip().length(), 1000)))
                .param("source", source).param("at", ts(at)).param("violation", grant == null).update(key, "id");
        return key.getKey().longValue();
    }

    public static Set<Purpose> parse(String scope) {
        Set<Purpose> result = EnumSet.noneOf(Purpose.class);
        if (scope != null) {
            Arrays.stream(scope.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(s -> result.add(Purpose.valueOf(s)));
        }
        return result;
    }

    static String format(Set<Purpose> scope) {
        return scope.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    static String reference(long id) {
        return "data-access:" + id;
    }
}
