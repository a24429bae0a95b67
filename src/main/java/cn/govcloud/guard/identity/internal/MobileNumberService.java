package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.crypto.Masking;
import cn.govcloud.guard.identity.MobileNumbers;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link MobileNumbers} on {@code identity_user}'s sealed and masked mobile columns (issue 21 point 4). Kept apart
 * from {@link IdentityService} so the change stays small: the same sealing context, the same 11-digit rule.
 */
@Service
class MobileNumberService implements MobileNumbers {
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    private final JdbcClient jdbc;
    private final UserAccounts accounts;
    private final FieldEncryption fields;
    private final AuditLog audit;

    MobileNumberService(JdbcClient jdbc, UserAccounts accounts, FieldEncryption fields, AuditLog audit) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.fields = fields;
        this.audit = audit;
    }

    @Override
    public List<Reachable> reachable(long orgId, Set<Role> roles) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", orgId);
        String byRole = "";
        if (!roles.isEmpty()) {
            byRole = " and exists (select 1 from identity_user_role r where r.user_id = u.id and r.role in (:roles))";
            params.put("roles", roles.stream().map(Role::name).sorted().toList());
        }
        return jdbc.sql("select u.id, u.display_name, u.mobile_masked from identity_user u where u.org_id = :org and u.enabled = true "
                        + "and u.mobile_sealed is not null" + byRole + " order by u.id")
                .params(params).query((rs, i) -> new Reachable(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    @Override
    public Optional<String> mobileOf(long userId) {
        return jdbc.sql("select mobile_sealed from identity_user where id = :id and enabled = true and mobile_sealed is not null")
                .param("id", userId).query(String.class).optional().map(s -> fields.open(IdentityService.MOBILE_CONTEXT, s));
    }

    @Override
    @Transactional
    public String change(long userId, String mobile) {
        Actor actor = Actor.require();
        if (!actor.has(Role.SYSTEM_ADMIN)) {
            throw new AccessDeniedException("requires " + Role.SYSTEM_ADMIN);
        }
        accounts.user(userId, OrgScope.of(actor)).orElseThrow(() -> new NotFound("user " + userId));
        return store(userId, mobile, "identity.user.mobile.change");
    }

    @Override
    @Transactional
    public String changeOwn(String mobile) {
        Actor actor = Actor.require();
        if (actor.machine()) {
            throw new AccessDeniedException("machine clients have no mobile number");
        }
        return store(actor.userId(), mobile, "identity.user.mobile.changeOwn");
    }

    private String store(long userId, String mobile, String action) {
        if (mobile == null) {
            throw new InvalidInput("mobile is required (an empty string removes the number)", Map.of("mobile", "required"));
        }
        String number = mobile.strip().replace(" ", "").replace("-", "");
        if (!number.isEmpty() && !MOBILE.matcher(number).matches()) {
            throw new InvalidInput("an 11-digit mainland mobile number", Map.of("mobile", "an 11-digit mainland mobile number"));
        }
        String masked = number.isEmpty() ? null : Masking.mobile(number);
        jdbc.sql("update identity_user set mobile_sealed = :sealed, mobile_masked = :masked where id = :id")
                .param("sealed", number.isEmpty() ? null : fields.seal(IdentityService.MOBILE_CONTEXT, number))
                .param("masked", masked).param("id", userId).update();
        audit.record(AuditEvent.success(action, "user:" + userId, masked == null ? "mobile number removed" : "mobile number set to " + masked));
        return masked;
    }
}
