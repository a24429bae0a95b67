package cn.govcloud.guard.identity;

import static cn.govcloud.guard.ModuleActors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.ModuleActors;
import cn.govcloud.guard.ModuleTest;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The identity module alone, on shared, crypto, audit and documents (issue 18 point 2). It publishes no application
 * event and listens to none (grep: no publishEvent, no module listener), so its test drives the main use-cases
 * through the public API: organisations and people created by the separated administrators (A3, 三权分立), searched in
 * SQL (issue 23 point 11), and API tokens issued, found and revoked.
 */
@ModuleTest
class IdentityModuleTests {
    /** The platform's clock, not the wall clock: what the module compares due and expiry times with. */
    @org.springframework.beans.factory.annotation.Autowired
    java.time.Clock clock;

    private final IdentityManagement identity;
    private final UserSearch search;
    private final OrganisationDirectory directory;
    private final ApiTokens tokens;

    IdentityModuleTests(IdentityManagement identity, UserSearch search, OrganisationDirectory directory, ApiTokens tokens) {
        this.identity = identity;
        this.search = search;
        this.directory = directory;
        this.tokens = tokens;
    }

    @Test
    void a3_anOrganisationAndItsOfficerAreCreatedSearchedAndCountedByTheDirectory() {
        Actor officer = ModuleActors.inNewOrganisation(identity, OrgKind.UNIT, Role.UNIT_SECURITY_OFFICER);
        Actor sysadmin = ModuleActors.administrator(Role.SYSTEM_ADMIN);

        assertThat(directory.byId(officer.orgId())).hasValueSatisfying(o -> assertThat(o.kind()).isEqualTo(OrgKind.UNIT));
        assertThat(directory.holders(officer.orgId(), Role.UNIT_SECURITY_OFFICER, 0)).isEqualTo(1);
        assertThat(directory.holders(officer.orgId(), Role.UNIT_SECURITY_OFFICER, officer.userId())).isZero();

        ListFilter byName = new ListFilter(officer.orgName(), null, null, null, 0, 20);
        assertThat(as(sysadmin, () -> search.organisations(byName, OrgKind.UNIT)).rows()).extracting(o -> o.id())
                .containsExactly(officer.orgId());
        assertThat(as(sysadmin, () -> search.organisations(byName, OrgKind.PROVIDER)).total()).isZero();
        assertThat(as(sysadmin, () -> search.users(new ListFilter(officer.username(), officer.orgId(), "ENABLED", null, 0, 20))).rows())
                .extracting(IdentityManagement.UserView::username).containsExactly(officer.username());
    }

    @Test
    void a3_aDuplicateOrganisationIsRefusedAndOneAdministratorMayNotHoldTwoSeparatedRoles() {
        Actor officer = ModuleActors.inNewOrganisation(identity, OrgKind.SUPERVISOR, Role.SUPERVISOR);
        Actor sysadmin = ModuleActors.administrator(Role.SYSTEM_ADMIN);

        assertThatThrownBy(() -> as(sysadmin, () -> identity.createOrganisation(officer.orgName(), OrgKind.UNIT)))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> as(ModuleActors.administrator(Role.SECURITY_ADMIN), () -> {
            identity.assignRoles(officer.userId(), Set.of(Role.SYSTEM_ADMIN, Role.AUDIT_ADMIN));
            return null;
        })).isInstanceOf(RuleViolation.class);
    }

    @Test
    void anApiTokenIsIssuedOnceFoundByStateAndRevoked() {
        Actor unit = ModuleActors.inNewOrganisation(identity, OrgKind.UNIT, Role.UNIT_SECURITY_OFFICER);
        Actor secadmin = ModuleActors.administrator(Role.SECURITY_ADMIN);
        String name = "模块测试令牌" + unit.username();

        ApiTokens.Issued issued = as(secadmin, () -> tokens.create(name, unit.orgId(), Set.of("alerts:write"),
                clock.instant().plus(30, ChronoUnit.DAYS)));
        assertThat(issued.secret()).startsWith("gga_");
        ListFilter active = new ListFilter(name, unit.orgId(), "ACTIVE", null, 0, 20);
        assertThat(as(secadmin, () -> tokens.search(active)).rows()).extracting(ApiTokens.View::id).containsExactly(issued.token().id());

        as(secadmin, () -> {
            tokens.revoke(issued.token().id());
            return null;
        });
        assertThat(as(secadmin, () -> tokens.search(active)).total()).isZero();
        assertThat(as(secadmin, () -> tokens.search(new ListFilter(name, null, "REVOKED", null, 0, 20))).rows())
                .extracting(ApiTokens.View::revokedAt).doesNotContainNull();
    }
}
