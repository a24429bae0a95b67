package cn.govcloud.guard.platform;

import static cn.govcloud.guard.ModuleActors.as;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ModuleActors;
import cn.govcloud.guard.ModuleTest;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.Scenario;

/** The provider's platform module with the modules it uses (issue 18 point 2): registering a line is the published fact its duty hangs on. */
@ModuleTest
class PlatformModuleTests {
    private final PlatformRegisters registers;
    private final Duties duties;
    private final IdentityManagement identity;

    PlatformModuleTests(PlatformRegisters registers, Duties duties, IdentityManagement identity) {
        this.registers = registers;
        this.duties = duties;
        this.identity = identity;
    }

    @Test
    void a6_1_registeringANetworkLinePublishesNetworkLineConnectedAndTheEntryFulfilsItsDuty(Scenario scenario) {
        Actor provider = ModuleActors.inNewOrganisation(identity, OrgKind.PROVIDER, Role.PROVIDER_OPERATOR);

        scenario.stimulate(() -> as(provider, () -> registers.registerLine("互联网出口" + provider.username(), "INTERNET", "中国电信",
                        "1Gbps", "云服务商", true, true)))
                .andWaitForEventOfType(NetworkLineConnected.class)
                .toArriveAndVerify((event, lineId) -> {
                    assertThat(event.lineId()).isEqualTo(lineId);
                    assertThat(event.platform().orgId()).isEqualTo(provider.orgId());
                    assertThat(duties.raisedBy("network-line:" + lineId)).isNotEmpty()
                            .allSatisfy(d -> assertThat(d.state().closed()).as(d.ruleId()).isTrue())
                            .extracting(Duty::orgId).containsOnly(provider.orgId());
                });
    }
}
