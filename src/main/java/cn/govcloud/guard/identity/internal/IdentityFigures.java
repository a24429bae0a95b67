package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.identity.IdentityStatistics;
import cn.govcloud.guard.shared.OrgScope;
import org.springframework.stereotype.Component;

/** Home-page figures, counted within the actor's scope (a unit sees its own organisation and people). */
@Component
class IdentityFigures implements IdentityStatistics {
    private final UserAccounts accounts;

    IdentityFigures(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public long organisations() {
        return accounts.countOrganisations(OrgScope.current());
    }

    @Override
    public long users() {
        return accounts.countUsers(OrgScope.current());
    }
}
