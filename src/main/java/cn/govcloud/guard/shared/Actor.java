package cn.govcloud.guard.shared;

import java.io.Serializable;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting: a signed-in person or a machine client with an API token. The identity module
 * puts one into the security context as the principal; every other module reads it from here,
 * so none of them needs to depend on identity.
 *
 * @param userId   the user's id, or the API token's id for a machine client
 * @param username login name, or {@code token:<name>} for a machine client
 * @param scopes   API-token scopes; empty for people
 */
public record Actor(long userId, String username, String displayName, long orgId, String orgName,
                    OrgKind orgKind, Set<Role> roles, Set<String> scopes, boolean machine)
        implements Principal, Serializable {

    public Actor {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    /**
     * The login name: what Spring Security and Spring Session record as the principal's name (the
     * session table's principal column is 100 characters, too short for the whole record).
     */
    @Override
    public String getName() {
        return username;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** A unit's people see only their own unit's records (A4). */
    public boolean isUnitUser() {
        return orgKind == OrgKind.UNIT;
    }

    /** The acting person or client of this thread, if any. */
    public static Optional<Actor> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Actor actor) {
            return Optional.of(actor);
        }
        return Optional.empty();
    }

    public static Actor require() {
        return current().orElseThrow(() -> new IllegalStateException("no signed-in actor"));
    }
}
