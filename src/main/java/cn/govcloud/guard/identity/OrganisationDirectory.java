package cn.govcloud.guard.identity;

import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.shared.OrgKind;
import java.util.List;
import java.util.Optional;

/**
 * Every organisation, unscoped: for the platform's own processes (the duty engine deciding who
 * owes what), never for showing a person what they may not see.
 */
public interface OrganisationDirectory {

    List<OrganisationView> all();

    default List<OrganisationView> ofKind(OrgKind kind) {
        return all().stream().filter(org -> org.kind() == kind).toList();
    }

    /**
     * How many enabled people of the organisation hold the role, not counting {@code exceptUserId}: e.g. whether
     * a unit has a second security officer to check a request its officer made (A9.2).
     */
    int holders(long orgId, cn.govcloud.guard.shared.Role role, long exceptUserId);

    default Optional<OrganisationView> byId(long id) {
        return all().stream().filter(org -> org.id() == id).findFirst();
    }
}
