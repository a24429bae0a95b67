package cn.govcloud.guard.shared;

import java.util.Map;

/**
 * The organisations whose records the current actor may read, as a SQL predicate every module's
 * queries append (A4: a unit's people see only their own unit). Enforcing it in the data-access
 * layer, not in templates, means a new query is scoped by writing {@code scope.where("org_id")}.
 */
public record OrgScope(boolean everything, long orgId) {

    /**
     * The big-data centre (supervisor and the three administrators) and the regulators oversee
     * everybody; a unit, the provider and a carrier see their own organisation's rows. The
     * provider reaches a unit's data only through that unit's grant (A8.1), which the access
     * module adds on top of this scope.
     */
    public static OrgScope of(Actor actor) {
        boolean oversight = actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR;
        return oversight ? new OrgScope(true, 0) : new OrgScope(false, actor.orgId());
    }

    public static OrgScope current() {
        return Actor.current().map(OrgScope::of)
                .orElseThrow(() -> new IllegalStateException("no actor: queries outside a request must choose their scope"));
    }

    /** A predicate on the given organisation column, e.g. {@code u.org_id = :scopeOrgId}. */
    public String where(String orgColumn) {
        return everything ? "1=1" : orgColumn + " = :scopeOrgId";
    }

    public Map<String, Object> params() {
        return everything ? Map.of() : Map.of("scopeOrgId", orgId);
    }

    public boolean allows(long recordOrgId) {
        return everything || recordOrgId == orgId;
    }
}
