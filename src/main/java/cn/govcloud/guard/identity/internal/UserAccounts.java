package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.identity.UserSearch;
import java.util.Map;
import java.util.HashMap;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.IdentityManagement.UserView;
import cn.govcloud.guard.identity.SecurityPolicy;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The identity tables. Every listing takes an {@link OrgScope}, so a unit's people see only their own unit (A4). */
@Repository
class UserAccounts {
    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What login needs of a user. */
    record Credentials(long id, String username, String displayName, long orgId, String orgName, OrgKind orgKind,
                       String passwordHash, Instant passwordChangedAt, int failedAttempts, Instant lockedUntil,
                       String totpSecretSealed, boolean totpEnabled, long totpLastStep, boolean enabled) {
    }

    // Roles come in the same query (no N+1); string_agg runs on PostgreSQL and on H2.
    private static final String USER_SELECT = """
            select u.id, u.username, u.display_name, u.org_id, o.name as org_name, o.kind as org_kind, u.mobile_masked,
                   u.enabled, u.totp_enabled, u.locked_until, u.last_login_at,
                   (select string_agg(r.role, ',') from identity_user_role r where r.user_id = u.id) as roles
              from identity_user u join identity_organisation o on o.id = u.org_id
            """;

    List<UserView> users(OrgScope scope) {
        return jdbc.sql(USER_SELECT + " where " + scope.where("u.org_id") + " order by o.id, u.id")
                .params(scope.params()).query(this::userView).list();
    }

    /**
     * Issue 23 point 11: one page of the accounts in scope, by organisation then id, narrowed in SQL by keyword (username
     * or name), organisation and state ({@link UserSearch#STATES}; locked: a lock-out still running at {@code now}).
     */
    Page<UserView> search(OrgScope scope, ListFilter f, Instant now) {
        StringBuilder where = new StringBuilder(scope.where("u.org_id"));
        Map<String, Object> params = new HashMap<>(scope.params());
        if (f.q() != null) {
            where.append(" and (lower(u.username) like :kw escape '\\' or lower(u.display_name) like :kw escape '\\')");
            params.put("kw", f.likePattern());
        }
        if (f.unit() != null) {
            where.append(" and u.org_id = :unit");
            params.put("unit", f.unit());
        }
        if (f.state() != null) {
            where.append(switch (f.state()) {
                case "DISABLED" -> " and u.enabled = false";
                case "LOCKED" -> " and u.locked_until > :now";
                default -> " and u.enabled = true";
            });
            params.put("now", now.atOffset(java.time.ZoneOffset.UTC));
        }
        long total = jdbc.sql("select count(*) from identity_user u where " + where).params(params).query(Long.class).single();
        params.put("limit", f.size());
        params.put("offset", (long) f.page() * f.size());
        List<UserView> rows = jdbc.sql(USER_SELECT + " where " + where + " order by o.id, u.id limit :limit offset :offset").params(params)
                .query(this::userView).list();
        return new Page<>(rows, total, f.page(), f.size());
    }

    Optional<UserView> user(long id, OrgScope scope) {
        return jdbc.sql(USER_SELECT + " where u.id = :id and " + scope.where("u.org_id"))
                .param("id", id).params(scope.params()).query(this::userView).optional();
    }

    private UserView userView(ResultSet rs, int row) throws SQLException {
        return new UserView(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getLong("org_id"), rs.getString("org_name"), OrgKind.valueOf(rs.getString("org_kind")),
                rs.getString("mobile_masked"), roles(rs.getString("roles")), rs.getBoolean("enabled"),
                rs.getBoolean("totp_enabled"), instant(rs, "locked_until"), instant(rs, "last_login_at"));
    }

    static Set<Role> roles(String csv) {
        if (csv == null || csv.isBlank()) {
            return EnumSet.noneOf(Role.class);
        }
        return Arrays.stream(csv.split(",")).map(Role::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    List<OrganisationView> organisations(OrgScope scope) {
        return jdbc.sql("""
                select o.id, o.name, o.kind, (select count(*) from identity_user u where u.org_id = o.id) as users
                  from identity_organisation o where """ + " " + scope.where("o.id") + " order by o.id")
                .params(scope.params())
                .query((rs, i) -> new OrganisationView(rs.getLong("id"), rs.getString("name"),
                        OrgKind.valueOf(rs.getString("kind")), rs.getLong("users")))
                .list();
    }

    /** Issue 23 point 11: one page of the organisations in scope, newest first (what was just created is on top), narrowed in SQL ({@link UserSearch#organisations}). */
    Page<OrganisationView> searchOrganisations(OrgScope scope, ListFilter f, OrgKind kind) {
        StringBuilder where = new StringBuilder(scope.where("o.id"));
        Map<String, Object> params = new HashMap<>(scope.params());
        if (f.q() != null) {
            where.append(" and lower(o.name) like :kw escape '\\'");
            params.put("kw", f.likePattern());
        }
        if (kind != null) {
            where.append(" and o.kind = :kind");
            params.put("kind", kind.name());
        }
        if (f.state() != null) {
            where.append("WITHOUT_USERS".equals(f.state()) ? " and not exists (select 1 from identity_user u where u.org_id = o.id)"
                    : " and exists (select 1 from identity_user u where u.org_id = o.id)");
        }
        long total = jdbc.sql("select count(*) from identity_organisation o where " + where).params(params).query(Long.class).single();
        params.put("limit", f.size());
        params.put("offset", (long) f.page() * f.size());
        List<OrganisationView> rows = jdbc.sql("""
                select o.id, o.name, o.kind, (select count(*) from identity_user u where u.org_id = o.id) as users
                  from identity_organisation o where """ + " " + where + " order by o.id desc limit :limit offset :offset")
                .params(params)
                .query((rs, i) -> new OrganisationView(rs.getLong("id"), rs.getString("name"),
                        OrgKind.valueOf(rs.getString("kind")), rs.getLong("users")))
                .list();
        return new Page<>(rows, total, f.page(), f.size());
    }

    Optional<OrgKind> organisationKind(long orgId) {
        return jdbc.sql("select kind from identity_organisation where id = :id").param("id", orgId)
                .query(String.class).optional().map(OrgKind::valueOf);
    }

    long countOrganisations(OrgScope scope) {
        return jdbc.sql("select count(*) from identity_organisation o where " + scope.where("o.id"))
                .params(scope.params()).query(Long.class).single();
    }

    long countUsers(OrgScope scope) {
        return jdbc.sql("select count(*) from identity_user u where " + scope.where("u.org_id"))
                .params(scope.params()).query(Long.class).single();
    }

    long countAllUsers() {
        return jdbc.sql("select count(*) from identity_user").query(Long.class).single();
    }

    long insertOrganisation(String name, OrgKind kind, Instant now) {
        jdbc.sql("insert into identity_organisation (name, kind, created_at) values (:name, :kind, :now)")
                .param("name", name).param("kind", kind.name()).param("now", ts(now)).update();
        return jdbc.sql("select id from identity_organisation where name = :name").param("name", name).query(Long.class).single();
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("select count(*) from identity_user where lower(username) = lower(:u)").param("u", username)
                .query(Long.class).single() > 0;
    }

    boolean organisationNameTaken(String name) {
        return jdbc.sql("select count(*) from identity_organisation where name = :n").param("n", name)
                .query(Long.class).single() > 0;
    }

    long insertUser(String username, String displayName, long orgId, String mobileSealed, String mobileMasked,
                    String passwordHash, Instant passwordChangedAt, Instant now) {
        jdbc.sql("""
                insert into identity_user (username, display_name, org_id, mobile_sealed, mobile_masked, password_hash,
                                           password_changed_at, created_at)
                values (:username, :displayName, :orgId, :mobileSealed, :mobileMasked, :hash, :changed, :now)""")
                .param("username", username).param("displayName", displayName).param("orgId", orgId)
                .param("mobileSealed", mobileSealed).param("mobileMasked", mobileMasked).param("hash", passwordHash)
                .param("changed", ts(passwordChangedAt)).param("now", ts(now)).update();
        long id = jdbc.sql("select id from identity_user where username = :u").param("u", username).query(Long.class).single();
        addPasswordHistory(id, passwordHash, now);
        return id;
    }

    void replaceRoles(long userId, Set<Role> roles) {
        jdbc.sql("delete from identity_user_role where user_id = :id").param("id", userId).update();
        for (Role role : roles) {
            jdbc.sql("insert into identity_user_role (user_id, role) values (:id, :role)")
                    .param("id", userId).param("role", role.name()).update();
        }
    }

    /** Enabled users holding {@code role}: a separated administrator role must never drop to none (三权分立). */
    long activeHolders(Role role) {
        return jdbc.sql("select count(*) from identity_user u join identity_user_role r on r.user_id = u.id where r.role = :role and u.enabled")
                .param("role", role.name()).query(Long.class).single();
    }

    Set<Role> rolesOf(long userId) {
        return jdbc.sql("select role from identity_user_role where user_id = :id").param("id", userId)
                .query(String.class).list().stream().map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    Optional<String> mobileSealed(long userId) {
        return jdbc.sql("select mobile_sealed from identity_user where id = :id").param("id", userId)
                .query(String.class).optional();
    }

    Optional<Credentials> credentials(String username) {
        return jdbc.sql("""
                select u.id, u.username, u.display_name, u.org_id, o.name as org_name, o.kind as org_kind, u.password_hash,
                       u.password_changed_at, u.failed_attempts, u.locked_until, u.totp_secret_sealed, u.totp_enabled,
                       u.totp_last_step, u.enabled
                  from identity_user u join identity_organisation o on o.id = u.org_id
                 where lower(u.username) = lower(:u)""")
                .param("u", username)
                .query((rs, i) -> new Credentials(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        rs.getLong("org_id"), rs.getString("org_name"), OrgKind.valueOf(rs.getString("org_kind")),
                        rs.getString("password_hash"), instant(rs, "password_changed_at"), rs.getInt("failed_attempts"),
                        instant(rs, "locked_until"), rs.getString("totp_secret_sealed"), rs.getBoolean("totp_enabled"),
                        rs.getLong("totp_last_step"), rs.getBoolean("enabled")))
                .optional();
    }

    Optional<Credentials> credentials(long userId) {
        return jdbc.sql("select username from identity_user where id = :id").param("id", userId)
                .query(String.class).optional().flatMap(this::credentials);
    }

    /** Counts a failure and locks the account when the policy's limit is reached; returns the lock's end, if locked. */
    Instant recordFailure(long userId, SecurityPolicy policy, Instant now) {
        jdbc.sql("update identity_user set failed_attempts = failed_attempts + 1 where id = :id").param("id", userId).update();
        int failures = jdbc.sql("select failed_attempts from identity_user where id = :id").param("id", userId)
                .query(Integer.class).single();
        if (failures >= policy.maxFailures()) {
            Instant until = now.plusSeconds(60L * policy.lockoutMinutes());
            jdbc.sql("update identity_user set locked_until = :until, failed_attempts = 0 where id = :id")
                    .param("until", ts(until)).param("id", userId).update();
            return until;
        }
        return null;
    }

    void recordSuccess(long userId, Instant now) {
        jdbc.sql("update identity_user set failed_attempts = 0, locked_until = null, last_login_at = :now where id = :id")
                .param("now", ts(now)).param("id", userId).update();
    }

    /** Accepts a TOTP step only if later than the last one used, so a code cannot be replayed. */
    boolean consumeTotpStep(long userId, long step) {
        return jdbc.sql("update identity_user set totp_last_step = :step where id = :id and totp_last_step < :step")
                .param("step", step).param("id", userId).update() == 1;
    }

    void setTotp(long userId, String sealedSecret, boolean enabled) {
        jdbc.sql("update identity_user set totp_secret_sealed = :s, totp_enabled = :e where id = :id")
                .param("s", sealedSecret).param("e", enabled).param("id", userId).update();
    }

    void setEnabled(long userId, boolean enabled) {
        jdbc.sql("update identity_user set enabled = :e where id = :id").param("e", enabled).param("id", userId).update();
    }

    List<String> passwordHistory(long userId) {
        return jdbc.sql("select password_hash from identity_password_history where user_id = :id order by changed_at desc, id desc")
                .param("id", userId).query(String.class).list();
    }

    void changePassword(long userId, String hash, Instant now) {
        jdbc.sql("update identity_user set password_hash = :h, password_changed_at = :now where id = :id")
                .param("h", hash).param("now", ts(now)).param("id", userId).update();
        addPasswordHistory(userId, hash, now);
    }

    private void addPasswordHistory(long userId, String hash, Instant now) {
        jdbc.sql("insert into identity_password_history (user_id, password_hash, changed_at) values (:id, :h, :now)")
                .param("id", userId).param("h", hash).param("now", ts(now)).update();
    }

    SecurityPolicy policy() {
        return jdbc.sql("""
                select min_length, min_character_classes, history_count, expiry_days, max_failures, lockout_minutes,
                       session_timeout_minutes from identity_security_policy where id = 1""")
                .query((rs, i) -> new SecurityPolicy(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7)))
                .single();
    }

    void updatePolicy(SecurityPolicy p, String by, Instant now) {
        jdbc.sql("""
                update identity_security_policy set min_length = :a, min_character_classes = :b, history_count = :c,
                       expiry_days = :d, max_failures = :e, lockout_minutes = :f, session_timeout_minutes = :g,
                       updated_at = :now, updated_by = :by where id = 1""")
                .param("a", p.minLength()).param("b", p.minCharacterClasses()).param("c", p.historyCount())
                .param("d", p.expiryDays()).param("e", p.maxFailures()).param("f", p.lockoutMinutes())
                .param("g", p.sessionTimeoutMinutes()).param("now", ts(now)).param("by", by).update();
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    int holders(long orgId, String role, long exceptUserId) {
        return jdbc.sql("select count(*) from identity_user u join identity_user_role r on r.user_id = u.id "
                        + "where u.org_id = :org and r.role = :role and u.enabled and u.id <> :except")
                .param("org", orgId).param("role", role).param("except", exceptUserId).query(Integer.class).single();
    }
}
