package cn.govcloud.guard;

import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * People for the {@link ModuleTest}s, which start without the demo city: a fresh organisation with one real user of
 * the given role, created through the identity module's API, and a way to act as them on this thread.
 */
public final class ModuleActors {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());

    private ModuleActors() {
    }

    /** The separated administrators (A4); their own organisation is irrelevant to what they may do. */
    public static Actor administrator(Role role) {
        return new Actor(0, "module-" + role.name().toLowerCase(), "模块测试管理员", 0, "模块测试", OrgKind.SUPERVISOR,
                Set.of(role), Set.of(), false);
    }

    /** A new organisation of {@code kind} with one user holding {@code role}, both with unique names. */
    public static Actor inNewOrganisation(IdentityManagement identity, OrgKind kind, Role role) {
        String suffix = Long.toString(SEQUENCE.incrementAndGet(), 36);
        String orgName = "模块测试" + kind.name().toLowerCase() + suffix;
        long orgId = as(administrator(Role.SYSTEM_ADMIN), () -> identity.createOrganisation(orgName, kind));
        String username = "m" + suffix;
        long userId = as(administrator(Role.SYSTEM_ADMIN), () -> identity.createUser(
                new IdentityManagement.NewUser(username, "模块测试员", orgId, "13900000000", "Module-Passw0rd-2026!")));
        as(administrator(Role.SECURITY_ADMIN), () -> {
            identity.assignRoles(userId, Set.of(role));
            return null;
        });
        return new Actor(userId, username, "模块测试员", orgId, orgName, kind, Set.of(role), Set.of(), false);
    }

    /** Runs {@code work} signed in as {@code actor}, restoring whoever was signed in before. */
    public static <T> T as(Actor actor, Supplier<T> work) {
        Authentication previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(TestActors.as(actor));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }
}
