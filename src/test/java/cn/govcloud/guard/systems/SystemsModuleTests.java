package cn.govcloud.guard.systems;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.Scenario;

/** The systems module with the modules it uses (issue 18 point 2): a registration is a published fact the duties hang on. */
@ModuleTest
class SystemsModuleTests {
    private final Systems systems;
    private final Duties duties;
    private final IdentityManagement identity;

    SystemsModuleTests(Systems systems, Duties duties, IdentityManagement identity) {
        this.systems = systems;
        this.duties = duties;
        this.identity = identity;
    }

    @Test
    void a7_registeringASystemPublishesSystemRegisteredAndRaisesTheUnitsDeclarationDuty(Scenario scenario) {
        Actor unit = ModuleActors.inNewOrganisation(identity, OrgKind.UNIT, Role.UNIT_SECURITY_OFFICER);

        scenario.stimulate(() -> as(unit, () -> systems.register(new Systems.NewSystem("模块测试系统" + unit.username(), "模块测试", 2,
                        null, "张三", "13900000001", List.of("GOV_EXTRANET"), List.of()))))
                .andWaitForEventOfType(SystemRegistered.class)
                .toArriveAndVerify((event, id) -> {
                    assertThat(event.systemId()).isEqualTo(id);
                    assertThat(event.system().orgId()).isEqualTo(unit.orgId());
                    assertThat(systems.find(id)).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo("DRAFT"));
                    assertThat(duties.raisedBy("system:" + id)).extracting(Duty::ruleId)
                            .contains("A7.1-protection-declaration");
                });
    }
}
