package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The names of units and systems the module's records show; the ids are ours, the names belong to identity and systems. */
@Component
class DataNames {
    private final Systems systems;
    private final OrganisationDirectory organisations;

    DataNames(Systems systems, OrganisationDirectory organisations) {
        this.systems = systems;
        this.organisations = organisations;
    }

    Map<Long, String> systemNames(Collection<Long> ids) {
        return systems.find(ids).stream().collect(Collectors.toMap(SystemRef::id, SystemRef::name, (a, b) -> a));
    }

    Map<Long, String> orgNames() {
        return organisations.all().stream().collect(Collectors.toMap(o -> o.id(), o -> o.name(), (a, b) -> a));
    }
}
