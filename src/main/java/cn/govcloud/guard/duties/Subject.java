package cn.govcloud.guard.duties;

import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.util.Map;

/**
 * What a duty is owed for: the platform, a unit or a hosted system.
 *
 * @param id         the platform's id is the provider organisation's, a unit's its organisation's, a system's its own
 * @param orgId      the organisation that owns it (the provider for the platform, the unit for a unit or system)
 * @param attributes what rule conditions test, e.g. {@code mlpsLevel → 3}
 */
public record Subject(SubjectKind kind, long id, String name, long orgId, Map<String, ?> attributes) {
    public Subject {
        attributes = Map.copyOf(attributes);
    }
}
