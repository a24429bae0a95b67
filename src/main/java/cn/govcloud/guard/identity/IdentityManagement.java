package cn.govcloud.guard.identity;

import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Organisations, users and roles. Each operation checks the acting administrator itself
 * (defence in depth behind the endpoint's {@code @Allow}): the system administrator creates
 * organisations and users, only the security administrator grants roles (三权分立), and every
 * change is audited. Queries are scoped to what the actor may see (A4).
 */
public interface IdentityManagement {

    long createOrganisation(String name, OrgKind kind);

    long createUser(NewUser user);

    void assignRoles(long userId, Set<Role> roles);

    void setEnabled(long userId, boolean enabled);

    /** The full mobile number; only the system administrator, and the viewing is audited. */
    String revealMobile(long userId);

    SecurityPolicy policy();

    void updatePolicy(SecurityPolicy policy);

    List<OrganisationView> organisations();

    Optional<OrganisationView> organisation(long id);

    List<UserView> users();

    Optional<UserView> user(long id);

    record NewUser(String username, String displayName, long orgId, String mobile, String initialPassword) {
    }

    record OrganisationView(long id, String name, OrgKind kind, long users) {
    }

    record UserView(long id, String username, String displayName, long orgId, String orgName, OrgKind orgKind,
                    String mobileMasked, Set<Role> roles, boolean enabled, boolean secondFactor,
                    Instant lockedUntil, Instant lastLoginAt) {
    }
}
