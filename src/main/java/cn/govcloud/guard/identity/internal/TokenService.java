package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.crypto.KeyedHash;
import cn.govcloud.guard.identity.ApiTokens;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bearer tokens: session tokens from an API login (idle timeout from the policy, at most 12 hours
 * in all) and API tokens for machine clients. The secret is 256 random bits shown once; only its
 * HMAC-SM3 is stored, so a copy of the database yields no usable token.
 */
@Service
class TokenService implements ApiTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration SESSION_MAX = Duration.ofHours(12);

    private final JdbcClient jdbc;
    private final KeyedHash keyedHash;
    private final UserAccounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    TokenService(JdbcClient jdbc, KeyedHash keyedHash, UserAccounts accounts, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.keyedHash = keyedHash;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    record SessionToken(String secret, Instant expiresAt) {
    }

    SessionToken issueSession(Actor actor, Duration idle) {
        String secret = "ggs_" + randomSecret();
        Instant now = clock.instant();
        Instant expires = now.plus(idle);
        insert(secret, "SESSION", "api-login", actor.userId(), actor.orgId(), Set.of(), actor.username(), now, expires);
        return new SessionToken(secret, expires);
    }

    void revokeSession(String secret) {
        jdbc.sql("update identity_token set revoked_at = :now where token_hash = :h and kind = 'SESSION' and revoked_at is null")
                .param("now", UserAccounts.ts(clock.instant())).param("h", keyedHash.hash(secret)).update();
    }

    /** The actor a bearer token stands for, if it is valid now; roles are read afresh, so a revoked role takes effect at once. */
    /** How often the last use of a token (and a session's sliding expiry) is written. */
    static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    @Transactional
    Optional<Actor> authenticate(String secret, String source) {
        if (secret == null || secret.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        record Row(long id, String kind, String name, Long userId, long orgId, String orgName, String orgKind,
                   String scopes, Instant createdAt, Instant lastUsedAt, String lastUsedFrom) {
        }
        Optional<Row> found = jdbc.sql("""
                select t.id, t.kind, t.name, t.user_id, t.org_id, o.name as org_name, o.kind as org_kind, t.scopes, t.created_at,
                       t.last_used_at, t.last_used_from
                  from identity_token t join identity_organisation o on o.id = t.org_id
                 where t.token_hash = :h and t.revoked_at is null and t.expires_at > :now""")
                .param("h", keyedHash.hash(secret)).param("now", UserAccounts.ts(now))
                .query((rs, i) -> new Row(rs.getLong("id"), rs.getString("kind"), rs.getString("name"),
                        (Long) rs.getObject("user_id", Long.class), rs.getLong("org_id"), rs.getString("org_name"),
                        rs.getString("org_kind"), rs.getString("scopes"), UserAccounts.instant(rs, "created_at"),
                        UserAccounts.instant(rs, "last_used_at"), rs.getString("last_used_from")))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Row row = found.get();
        Instant newExpiry = null;
        Actor actor;
        if ("SESSION".equals(row.kind())) {
            var user = accounts.credentials(row.userId()).filter(UserAccounts.Credentials::enabled);
            if (user.isEmpty()) {
                return Optional.empty();
            }
            Duration idle = Duration.ofMinutes(accounts.policy().sessionTimeoutMinutes());
            Instant absolute = row.createdAt().plus(SESSION_MAX);
            newExpiry = now.plus(idle).isBefore(absolute) ? now.plus(idle) : absolute;
            actor = LoginService.actorOf(user.get(), accounts.rolesOf(row.userId()));
        } else {
            actor = new Actor(row.id(), "token:" + row.name(), row.name(), row.orgId(), row.orgName(),
                    OrgKind.valueOf(row.orgKind()), Set.of(), scopes(row.scopes()), true);
        }
        // Issue 20 point 4: every request of one token used to update this one row, so concurrent requests of a
        // client queued on its row lock and each paid a commit. Now the row is touched when it was last touched
        // TOUCH_EVERY ago or from another address; a session's idle expiry therefore slides in 30 s steps.
        Instant last = row.lastUsedAt();
        if (last != null && !last.isAfter(now) && last.plus(TOUCH_EVERY).isAfter(now) && java.util.Objects.equals(source, row.lastUsedFrom())) {
            return Optional.of(actor);
        }
        jdbc.sql("update identity_token set last_used_at = :now, last_used_from = :src"
                        + (newExpiry != null ? ", expires_at = :exp" : "") + " where id = :id")
                .param("now", UserAccounts.ts(now)).param("src", source).param("id", row.id())
                .params(newExpiry != null ? java.util.Map.of("exp", UserAccounts.ts(newExpiry)) : java.util.Map.of())
                .update();
        return Optional.of(actor);
    }

    @Override
    @Transactional
    public Issued create(String name, long orgId, Set<String> scopes, Instant expiresAt) {
        requireAdministratorOf(scopes == null ? Set.of() : scopes);
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new InvalidInput("token name is required", java.util.Map.of("name", "required, at most 100 characters"));
        }
        if (scopes == null || scopes.isEmpty() || !KNOWN_SCOPES.containsAll(scopes)) {
            throw new InvalidInput("unknown or missing scopes", java.util.Map.of("scopes", "choose from " + new TreeSet<>(KNOWN_SCOPES)));
        }
        Instant now = clock.instant();
        if (expiresAt == null || !expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(Duration.ofDays(730)))) {
            throw new InvalidInput("expiry must be in the future and within two years", java.util.Map.of("expiresAt", "within two years"));
        }
        if (accounts.organisationKind(orgId).isEmpty()) {
            throw new InvalidInput("no such organisation", java.util.Map.of("orgId", "no such organisation"));
        }
        String secret = "gga_" + randomSecret();
        long id = insert(secret, "API", trimmed, null, orgId, scopes, Actor.require().username(), now, expiresAt);
        audit.record(AuditEvent.success("identity.api-token.create", "api-token:" + id, trimmed + " scopes " + new TreeSet<>(scopes)));
        return new Issued(list().stream().filter(t -> t.id() == id).findFirst().orElseThrow(), secret);
    }

    @Override
    @Transactional
    public void revoke(long id) {
        requireAdministratorOf(list().stream().filter(t -> t.id() == id).findFirst().map(View::scopes)
                .orElseThrow(() -> new NotFound("active API token " + id)));
        int n = jdbc.sql("update identity_token set revoked_at = :now where id = :id and kind = 'API' and revoked_at is null")
                .param("now", UserAccounts.ts(clock.instant())).param("id", id).update();
        if (n == 0) {
            throw new NotFound("active API token " + id);
        }
        audit.record(AuditEvent.success("identity.api-token.revoke", "api-token:" + id, null));
    }

    private static final String API_SELECT = """
            select t.id, t.name, t.org_id, o.name as org_name, t.scopes, t.created_by, t.created_at, t.expires_at,
                   t.last_used_at, t.last_used_from, t.revoked_at
              from identity_token t join identity_organisation o on o.id = t.org_id
            """;

    @Override
    public List<View> list() {
        return jdbc.sql(API_SELECT + " where t.kind = 'API' order by t.id desc").query(this::view).list();
    }

    @Override
    @Transactional(readOnly = true)
    public Page<View> search(ListFilter f) {
        StringBuilder where = new StringBuilder("t.kind = 'API'");
        Map<String, Object> params = new HashMap<>();
        if (f.q() != null) {
            where.append(" and (lower(t.name) like :kw escape '\\' or lower(o.name) like :kw escape '\\'"
                    + " or lower(t.scopes) like :kw escape '\\' or lower(t.created_by) like :kw escape '\\')");
            params.put("kw", f.likePattern());
        }
        if (f.unit() != null) {
            where.append(" and t.org_id = :unit");
            params.put("unit", f.unit());
        }
        Instant now = clock.instant();
        if (f.state() != null) {
            where.append(switch (f.state()) {
                case "REVOKED" -> " and t.revoked_at is not null";
                case "EXPIRED" -> " and t.revoked_at is null and t.expires_at <= :now";
                default -> " and t.revoked_at is null and t.expires_at > :now";
            });
        }
        if ("week".equals(f.due())) {
            where.append(" and t.revoked_at is null and t.expires_at > :now and t.expires_at <= :week");
            params.put("week", UserAccounts.ts(now.plus(Duration.ofDays(7))));
        } else if ("past".equals(f.due())) {
            where.append(" and t.expires_at <= :now");
        }
        params.put("now", UserAccounts.ts(now));
        long total = jdbc.sql("select count(*) from identity_token t join identity_organisation o on o.id = t.org_id where " + where)
                .params(params).query(Long.class).single();
        params.put("limit", f.size());
        params.put("offset", (long) f.page() * f.size());
        List<View> rows = jdbc.sql(API_SELECT + " where " + where + " order by t.id desc limit :limit offset :offset")
                .params(params).query(this::view).list();
        return new Page<>(rows, total, f.page(), f.size());
    }

    private View view(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new View(rs.getLong("id"), rs.getString("name"), rs.getLong("org_id"), rs.getString("org_name"),
                scopes(rs.getString("scopes")), rs.getString("created_by"), UserAccounts.instant(rs, "created_at"),
                UserAccounts.instant(rs, "expires_at"), UserAccounts.instant(rs, "last_used_at"),
                rs.getString("last_used_from"), UserAccounts.instant(rs, "revoked_at"));
    }

    private long insert(String secret, String kind, String name, Long userId, long orgId, Set<String> scopes,
                        String createdBy, Instant now, Instant expires) {
        String hash = keyedHash.hash(secret);
        jdbc.sql("""
                insert into identity_token (token_hash, kind, name, user_id, org_id, scopes, created_by, created_at, expires_at)
                values (:h, :kind, :name, :userId, :orgId, :scopes, :by, :now, :exp)""")
                .param("h", hash).param("kind", kind).param("name", name).param("userId", userId).param("orgId", orgId)
                .param("scopes", String.join(" ", new TreeSet<>(scopes))).param("by", createdBy)
                .param("now", UserAccounts.ts(now)).param("exp", UserAccounts.ts(expires)).update();
        return jdbc.sql("select id from identity_token where token_hash = :h").param("h", hash).query(Long.class).single();
    }

    private static Set<String> scopes(String text) {
        return text == null || text.isBlank() ? Set.of()
                : Arrays.stream(text.split(" ")).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * 三权分立 (GB/T 22239 §8.1.4, issue 20 point 8): a token reading the audit log is issued and revoked by the audit
     * administrator alone, and carries no other scope; every other token is the security administrator's.
     */
    private static void requireAdministratorOf(Set<String> scopes) {
        boolean audit = scopes.stream().anyMatch(s -> s.startsWith("audit:"));
        if (audit && scopes.stream().anyMatch(s -> !s.startsWith("audit:"))) {
            throw new cn.govcloud.guard.shared.RuleViolation("三权分立",
                    "a token with an audit scope carries no other scope: the audit log is the audit administrator's alone");
        }
        Role needed = audit ? Role.AUDIT_ADMIN : Role.SECURITY_ADMIN;
        if (!Actor.require().has(needed)) {
            throw new AccessDeniedException("requires " + needed + (audit ? " (audit scopes belong to the audit administrator, 三权分立)" : ""));
        }
    }
}
