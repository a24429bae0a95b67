package cn.govcloud.guard.demo;

import cn.govcloud.guard.identity.IdentityBootstrap;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.util.Set;

/**
 * The security officers (unit4 … unit8) of the demo units that have no people of their own in {@link DemoCity}, created as
 * the system and security administrators would, so {@link DemoAssessment} can give their units a year's record.
 */
@DemoComponent
@org.springframework.core.annotation.Order(115)
class DemoUnitOfficers implements DemoStep {
    private final IdentityManagement identity;
    private final OrganisationDirectory organisations;
    private final IdentityBootstrap bootstrap;
    private final DemoPassword password;

    DemoUnitOfficers(IdentityManagement identity, OrganisationDirectory organisations, IdentityBootstrap bootstrap, DemoPassword password) {
        this.identity = identity;
        this.organisations = organisations;
        this.bootstrap = bootstrap;
        this.password = password;
    }

    @Override
    public void seed() {
        for (DemoAssessment.UnitPlan plan : DemoAssessment.PLANS) {
            Long org = organisations.ofKind(OrgKind.UNIT).stream().filter(o -> o.name().equals(plan.unit())).map(o -> o.id()).findFirst().orElse(null);
            if (org == null) {
                continue;
            }
            long[] user = new long[1];
            bootstrap.runAs("sysadmin", () -> user[0] = identity.createUser(new IdentityManagement.NewUser(plan.username(), plan.officer(), org,
                    plan.mobile(), password.value())));
            bootstrap.runAs("secadmin", () -> identity.assignRoles(user[0], Set.of(Role.UNIT_SECURITY_OFFICER)));
            bootstrap.setDemoPassword(plan.username(), password.value()); // signs in like the other demo accounts, no forced change
        }
    }
}
