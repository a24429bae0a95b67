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

    default Optional<OrganisationView> byId(long id) {
        return all().stream().filter(org -> org.id() == id).findFirst();
    }
}
