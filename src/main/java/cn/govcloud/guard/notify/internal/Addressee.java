package cn.govcloud.guard.notify.internal;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Role;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;

/** Whose inbox: a person, their organisation and their roles decide which notices reach them. */
public record Addressee(long userId, long orgId, Set<Role> roles) {
    public Addressee {
        roles = Set.copyOf(roles);
    }

    /** Machine clients (API tokens) have no inbox. */
    public static Addressee of(Actor actor) {
        if (actor.machine()) {
            throw new AccessDeniedException("machine clients have no inbox");
        }
        return new Addressee(actor.userId(), actor.orgId(), actor.roles());
    }

    public static Addressee current() {
        return of(Actor.require());
    }
}
