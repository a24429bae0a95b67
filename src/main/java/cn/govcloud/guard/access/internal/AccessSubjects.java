package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The duty subject the module's events name: a unit's system (with its MLPS level), or the platform for the provider's own remote operation (A5.3). */
@Component
class AccessSubjects {
    private final Systems systems;

    AccessSubjects(Systems systems) {
        this.systems = systems;
    }

    Subject system(long systemId) {
        return system(systems.find(systemId).orElseThrow());
    }

    static Subject system(SystemRef s) {
        return new Subject(SubjectKind.SYSTEM, s.id(), s.name(), s.orgId(), Map.of("mlpsLevel", s.mlpsLevel()));
    }

    static Subject platform(long orgId, String orgName) {
        return new Subject(SubjectKind.PLATFORM, orgId, orgName, orgId, Map.of());
    }
}
