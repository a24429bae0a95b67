package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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

    /**
     * Of {@code names} (id → name), the ids whose name contains {@code keyword} (case-insensitive): a keyword search
     * resolves another module's names once to an id list its SQL then matches (issue 23 point 11). Never empty: an id no
     * row has stands in, so that {@code in (:ids)} stays valid SQL.
     */
    static List<Long> named(Map<Long, String> names, String keyword) {
        String k = keyword.strip().toLowerCase(Locale.ROOT);
        List<Long> ids = new ArrayList<>();
        names.forEach((id, name) -> {
            if (name != null && name.toLowerCase(Locale.ROOT).contains(k)) {
                ids.add(id);
            }
        });
        if (ids.isEmpty()) {
            ids.add(-1L);
        }
        return ids;
    }
}
