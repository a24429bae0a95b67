package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.ListFilter;
import static cn.govcloud.guard.access.internal.Columns.instant;
import static cn.govcloud.guard.access.internal.Columns.ts;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A7.3 account register: per system its terminals and accounts (运维终端, 关联终端, VPN 账号, 零信任账号,
 * 管理账号, others), each with its holder, privileges and the least-privilege reason; one named
 * responsible person per system and the password policy in force (passwords are never stored). The
 * quarterly review (catalog rule {@code A7.3-access-review}, generated for every system by the duty
 * engine) is done here account by account: confirm or revoke. Expired accounts and accounts not
 * reviewed since the current quarter began are flagged.
 */
@Service
public class AccessAccounts {
    public static final Set<String> KINDS = Set.of("OPS_TERMINAL", "RELATED_TERMINAL", "VPN", "ZERO_TRUST", "ADMIN", "OTHER");

    public record NewAccount(Long systemId, String kind, String accountName, String holder, String privileges, String leastPrivilege,
                             LocalDate createdOn, LocalDate expiresOn) {
    }

    public record Account(long id, long orgId, long systemId, String kind, String accountName, String holder, String privileges,
                          String leastPrivilege, LocalDate createdOn, LocalDate expiresOn, Instant lastReviewedAt, String lastReviewedBy,
                          Instant revokedAt, String revokedReason, boolean expired, boolean unreviewed) {
    }

    public record Responsible(long systemId, long orgId, String person, String passwordPolicy, Instant updatedAt, String updatedBy) {
    }

    private final JdbcClient jdbc;
    private final Systems systems;
    private final AuditLog audit;
    private final Clock clock;

    AccessAccounts(JdbcClient jdbc, Systems systems, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.systems = systems;
        this.audit = audit;
        this.clock = clock;
    }

    /** The one named person responsible for a system's access, and the password policy in force. */
    @Transactional
    public Responsible setResponsible(long systemId, String person, String passwordPolicy) {
        Actor actor = Actor.require();
        SystemRef system = ownSystem(actor, systemId);
        if (!actor.has(Role.UNIT_SECURITY_OFFICER)) {
            throw new AccessDeniedException("the unit's security officer names the responsible person (A7.3)");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (person == null || person.isBlank() || person.strip().length() > 100) {
            errors.put("person", "access.account.error.person");
        }
        if (passwordPolicy == null || passwordPolicy.isBlank() || passwordPolicy.strip().length() > 1000) {
            errors.put("passwordPolicy", "access.account.error.passwordPolicy");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("access.account.error.invalid", errors);
        }
        Instant now = clock.instant();
        int updated = jdbc.sql("update access_responsible set person = :p, password_policy = :pp, updated_at = :now, updated_by = :by where system_id = :s")
                .param("p", person.strip()).param("pp", passwordPolicy.strip()).param("now", ts(now)).param("by", actor.username())
                .param("s", systemId).update();
        if (updated == 0) {
            jdbc.sql("insert into access_responsible (system_id, org_id, person, password_policy, updated_at, updated_by) "
                            + "values (:s, :org, :p, :pp, :now, :by)").param("s", systemId).param("org", system.orgId()).param("p", person.strip())
                    .param("pp", passwordPolicy.strip()).param("now", ts(now)).param("by", actor.username()).update();
        }
        audit.record(AuditEvent.success("access.responsible.set", "system:" + systemId, "A7.3 responsible " + person.strip()));
        return responsible(systemId, actor).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<Responsible> responsible(long systemId, Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> p = new HashMap<>(scope.params());
        p.put("s", systemId);
        return jdbc.sql("select * from access_responsible r where r.system_id = :s and " + scope.where("r.org_id")).params(p)
                .query((rs, i) -> new Responsible(rs.getLong("system_id"), rs.getLong("org_id"), rs.getString("person"),
                        rs.getString("password_policy"), instant(rs, "updated_at"), rs.getString("updated_by"))).optional();
    }

    @Transactional
    public long register(NewAccount a) {
        Actor actor = Actor.require();
        Map<String, String> errors = new LinkedHashMap<>();
        SystemRef system = a.systemId() == null ? null : systems.find(a.systemId()).filter(s -> s.orgId() == actor.orgId()).orElse(null);
        if (actor.orgKind() != OrgKind.UNIT) {
            throw new AccessDeniedException("a unit registers its systems' accounts (A7.3)");
        }
        if (system == null) {
            errors.put("systemId", "access.account.error.system");
        }
        if (a.kind() == null || !KINDS.contains(a.kind())) {
            errors.put("kind", "access.account.error.kind");
        }
        text(errors, "accountName", a.accountName(), 100);
        text(errors, "holder", a.holder(), 100);
        text(errors, "privileges", a.privileges(), 1000);
        text(errors, "leastPrivilege", a.leastPrivilege(), 1000);
        if (a.createdOn() == null) {
            errors.put("createdOn", "access.account.error.createdOn");
        }
        if (a.expiresOn() != null && a.createdOn() != null && a.expiresOn().isBefore(a.createdOn())) {
            errors.put("expiresOn", "access.account.error.expiresOn");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("access.account.error.invalid", errors);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into access_account (org_id, system_id, kind, account_name, holder, privileges, least_privilege, created_on, expires_on, "
                        + "recorded_at, recorded_by) values (:org, :s, :kind, :name, :holder, :priv, :least, :created, :expires, :now, :by)")
                .param("org", actor.orgId()).param("s", a.systemId()).param("kind", a.kind()).param("name", a.accountName().strip())
                .param("holder", a.holder().strip()).param("priv", a.privileges().strip()).param("least", a.leastPrivilege().strip())
                .param("created", a.createdOn()).param("expires", a.expiresOn()).param("now", ts(clock.instant())).param("by", actor.username())
                .update(key, "id");
        long id = key.getKey().longValue();
        audit.record(AuditEvent.success("access.account.register", "access-account:" + id, "A7.3 " + a.kind() + " " + a.accountName().strip()
                + " holder " + a.holder().strip()));
        return id;
    }

    /** The responsible person's periodic review: confirm an account, or revoke it (with a reason). */
    @Transactional
    public void review(long id, boolean confirm, String reason) {
        Actor actor = Actor.require();
        Account a = visible(id, actor);
        if (!actor.has(Role.UNIT_SECURITY_OFFICER) || actor.orgId() != a.orgId()) {
            throw new AccessDeniedException("the unit's security officer reviews (A7.3)");
        }
        if (a.revokedAt() != null) {
            throw new RuleViolation("A7.3", "access.account.error.revoked");
        }
        if (!confirm && (reason == null || reason.isBlank())) {
            throw new InvalidInput("access.account.error.invalid", Map.of("reason", "access.account.error.reason"));
        }
        Instant now = clock.instant();
        jdbc.sql("update access_account set last_reviewed_at = :now, last_reviewed_by = :by" + (confirm ? "" : ", revoked_at = :now, revoked_reason = :r")
                        + " where id = :id").param("now", ts(now)).param("by", actor.username()).param("r", reason == null ? "" : reason.strip())
                .param("id", id).update();
        audit.record(AuditEvent.success(confirm ? "access.account.confirm" : "access.account.revoke", "access-account:" + id,
                "A7.3 review" + (confirm ? "" : ": " + reason.strip())));
    }

    /** The states an account list filters by: in use, expired (past its last day, not revoked), unreviewed this quarter, revoked. */
    public static final List<String> STATES = List.of("ACTIVE", "EXPIRED", "UNREVIEWED", "REVOKED");

    /** Issue 23 point 11: one page of the accounts the actor may see, narrowed by keyword, unit, system, state and the account's last day. */
    @Transactional(readOnly = true)
    public Page<Account> search(Actor actor, Long systemId, ListFilter filter) {
        return listing(actor, systemId, filter).page(jdbc, "access_account a", "a.id", filter, this::map);
    }

    /** Every account {@link #search} matches, for the export, {@code pageSize} rows a query. */
    @Transactional(readOnly = true)
    public void each(Actor actor, Long systemId, ListFilter filter, int pageSize, Consumer<Account> row) {
        listing(actor, systemId, filter).each(jdbc, "select * from access_account a", "a.id", pageSize, this::map, Account::id, row);
    }

    /** The filter as SQL; the states as {@link #map} computes the flags (quarter of the review, day of expiry in Beijing). */
    private Listing listing(Actor actor, Long systemId, ListFilter f) {
        OrgScope scope = OrgScope.of(actor);
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
        Listing l = new Listing(scope.where("a.org_id"), scope.params())
                .keyword(f, List.of("a.account_name", "a.holder", "a.privileges"))
                .and("a.org_id = :unit", "unit", f.unit())
                .and("a.system_id = :s", "s", systemId)
                .due(f.due(), "a.expires_on", today, today.plusDays(7));
        String state = f.state();
        if (state == null) {
            return l;
        }
        return switch (state) {
            case "REVOKED" -> l.and(true, "a.revoked_at is not null", Map.of());
            case "EXPIRED" -> l.and(true, "a.revoked_at is null and a.expires_on < :today", Map.of("today", today));
            case "UNREVIEWED" -> l.and(true, "a.revoked_at is null and (a.last_reviewed_at is null or a.last_reviewed_at < :quarter)",
                    Map.of("quarter", ts(quarterStart(today).atStartOfDay(WorkingCalendar.ZONE).toInstant())));
            default -> l.and(true, "a.revoked_at is null and (a.expires_on is null or a.expires_on >= :today)", Map.of("today", today));
        };
    }

    private static LocalDate quarterStart(LocalDate day) {
        return day.withMonth(((day.getMonthValue() - 1) / 3) * 3 + 1).withDayOfMonth(1);
    }

    @Transactional(readOnly = true)
    public Account visible(long id, Actor actor) {
        OrgScope scope = OrgScope.of(actor);
        Map<String, Object> p = new HashMap<>(scope.params());
        p.put("id", id);
        return jdbc.sql("select * from access_account a where a.id = :id and " + scope.where("a.org_id")).params(p).query(this::map).optional()
                .orElseThrow(() -> new NotFound("account " + id));
    }

    private Account map(ResultSet rs, int row) throws SQLException {
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
        LocalDate quarterStart = quarterStart(today);
        Instant reviewed = instant(rs, "last_reviewed_at");
        Instant revoked = instant(rs, "revoked_at");
        LocalDate expires = rs.getObject("expires_on", LocalDate.class);
        boolean unreviewed = revoked == null && (reviewed == null || reviewed.isBefore(quarterStart.atStartOfDay(WorkingCalendar.ZONE).toInstant()));
        return new Account(rs.getLong("id"), rs.getLong("org_id"), rs.getLong("system_id"), rs.getString("kind"), rs.getString("account_name"),
                rs.getString("holder"), rs.getString("privileges"), rs.getString("least_privilege"), rs.getObject("created_on", LocalDate.class),
                expires, reviewed, rs.getString("last_reviewed_by"), revoked, rs.getString("revoked_reason"),
                revoked == null && expires != null && expires.isBefore(today), unreviewed);
    }

    private SystemRef ownSystem(Actor actor, long systemId) {
        return systems.find(systemId).filter(s -> actor.orgKind() == OrgKind.UNIT && s.orgId() == actor.orgId())
                .orElseThrow(() -> new NotFound("system " + systemId));
    }

    private static void text(Map<String, String> errors, String field, String value, int max) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            errors.put(field, "access.account.error." + field);
        }
    }
}
