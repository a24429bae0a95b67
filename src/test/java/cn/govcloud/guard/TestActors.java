package cn.govcloud.guard;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Authentications for tests that do not need a real login (use with MockMvc's
 * {@code authentication(...)}). Whole-flow tests log in through the API instead.
 */
public final class TestActors {
    private TestActors() {
    }

    public static Authentication as(Actor actor) {
        var authorities = actor.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority()))
                .collect(Collectors.toList());
        return UsernamePasswordAuthenticationToken.authenticated(actor, null, authorities);
    }

    public static Actor actor(String username, OrgKind kind, long orgId, Role... roles) {
        return new Actor(1000 + Math.abs(username.hashCode() % 1000), username, username, orgId, "org-" + orgId, kind,
                Set.of(roles), Set.of(), false);
    }

    public static Authentication auditor() {
        return as(actor("auditor", OrgKind.SUPERVISOR, 1, Role.AUDIT_ADMIN));
    }

    public static Authentication unitOfficer(long orgId) {
        return as(actor("unit-officer-" + orgId, OrgKind.UNIT, orgId, Role.UNIT_SECURITY_OFFICER));
    }
}
