package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;

/** Who writes the platform's registers (the provider, A5/A6) and the platform as the subject of the provider's duties. */
final class Provider {

    private Provider() {
    }

    /** The actor when it is the provider; anybody else is refused with {@code why}. */
    static Actor require(Actor actor, String why) {
        if (actor.orgKind() != OrgKind.PROVIDER) {
            throw new AccessDeniedException(why);
        }
        return actor;
    }

    static Subject platform(Actor actor) {
        return platform(actor.orgId(), actor.orgName());
    }

    static Subject platform(long providerOrgId, String name) {
        return new Subject(SubjectKind.PLATFORM, providerOrgId, name, providerOrgId, Map.of());
    }
}
