package cn.govcloud.guard.demo;

import cn.govcloud.guard.identity.IdentityBootstrap;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.util.Set;

/**
 * The security officers (unit4 … unit8) of the demo units that have no people of their own in {@link DemoCity}, created as
 * the system and security administrators would, so {@link DemoAssessment} can give their units a year's record.
 */
@DemoComponent
@org.springframework.core.annotation.Order(115)
record DemoUnitOfficers(IdentityManagement identity, IdentityBootstrap bootstrap, DemoPassword password, DemoSeeding city) implements DemoStep {

    @Override
    public void seed() {
        for (DemoAssessment.UnitPlan plan : DemoAssessment.PLANS) {
            Long org = city.ofKind(OrgKind.UNIT, plan.unit()).orElse(null);
            if (org == null) {
                continue;
            }
            long user = city.by("sysadmin", () -> identity.createUser(new IdentityManagement.NewUser(plan.username(), plan.officer(), org,
                    plan.mobile(), password.value())));
            city.as("secadmin", () -> identity.assignRoles(user, Set.of(Role.UNIT_SECURITY_OFFICER)));
            bootstrap.setDemoPassword(plan.username(), password.value()); // signs in like the other demo accounts, no forced change
        }
    }
}
