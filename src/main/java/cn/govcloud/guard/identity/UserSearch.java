package cn.govcloud.guard.identity;

import cn.govcloud.guard.identity.IdentityManagement.UserView;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.Page;
import java.util.List;

/** The accounts list searched (issue 23 point 11): one page of {@link IdentityManagement#users()}, narrowed in SQL. */
public interface UserSearch {

    /** The states the accounts list filters by: enabled, disabled, locked out now. */
    List<String> STATES = List.of("ENABLED", "DISABLED", "LOCKED");

    /** One page of the accounts in the reader's scope, by keyword (username or name), organisation and state. */
    Page<UserView> users(ListFilter filter);

    /** The states the organisations list filters by: with people, without any (yet). */
    List<String> ORGANISATION_STATES = List.of("WITH_USERS", "WITHOUT_USERS");

    /**
     * Issue 23 point 11: one page of {@link IdentityManagement#organisations()} in the reader's scope, newest first, narrowed in
     * SQL by keyword (name), kind (null: any) and state ({@link #ORGANISATION_STATES}).
     */
    Page<IdentityManagement.OrganisationView> organisations(ListFilter filter, cn.govcloud.guard.shared.OrgKind kind);
}
