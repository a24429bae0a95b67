package cn.govcloud.guard.hazards;

import static cn.govcloud.guard.ModuleActors.as;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ModuleActors;
import cn.govcloud.guard.ModuleTest;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.hazards.intake.AlertRaised;
import cn.govcloud.guard.hazards.intake.Intake;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.Systems;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.Scenario;

/**
 * The hazards module, intake included, with the modules it uses (issue 18 point 2): a hazard notice and a serious alert
 * are published facts, and the duties the catalog hangs on them are raised with them.
 */
@ModuleTest
class HazardsModuleTests {
    private final Hazards hazards;
    private final Intake intake;
    private final Systems systems;
    private final Duties duties;
    private final IdentityManagement identity;
    private Actor unit;
    private long systemId;

    HazardsModuleTests(Hazards hazards, Intake intake, Systems systems, Duties duties, IdentityManagement identity) {
        this.hazards = hazards;
        this.intake = intake;
        this.systems = systems;
        this.duties = duties;
        this.identity = identity;
    }

    @BeforeAll
    void aUnitWithASystem() {
        unit = ModuleActors.inNewOrganisation(identity, OrgKind.UNIT, Role.UNIT_SECURITY_OFFICER);
        systemId = as(unit, () -> systems.register(new Systems.NewSystem("隐患模块测试系统" + unit.username(), "模块测试", 2, null,
                "张三", "13900000001", List.of("GOV_EXTRANET"), List.of())));
    }

    @Test
    void a10_2_aHazardNoticePublishesHazardNotifiedAndStartsTheUnitsClocks(Scenario scenario) {
        Actor supervisor = ModuleActors.inNewOrganisation(identity, OrgKind.SUPERVISOR, Role.SUPERVISOR);

        scenario.stimulate(() -> as(supervisor, () -> hazards.raise(new Hazards.NewHazard(systemId, "弱口令", Hazards.Severity.HIGH,
                        "管理后台使用弱口令", null, "MANUAL", null))))
                .andWaitForEventOfType(HazardNotified.class)
                .toArriveAndVerify((event, raised) -> {
                    assertThat(event.hazardId()).isEqualTo(raised.id());
                    assertThat(event.system().id()).isEqualTo(systemId);
                    assertThat(hazards.summary(raised.id())).hasValueSatisfying(h -> assertThat(h.orgId()).isEqualTo(unit.orgId()));
                    assertThat(duties.raisedBy("hazard:" + raised.id())).extracting(Duty::orgId).contains(unit.orgId());
                });
    }

    @Test
    void a10_1_aCriticalAlertOnASystemPublishesAlertRaisedAtOnce(Scenario scenario) {
        Actor provider = ModuleActors.inNewOrganisation(identity, OrgKind.PROVIDER, Role.PROVIDER_OPERATOR);

        scenario.stimulate(() -> as(provider, () -> intake.recordAlert(new Intake.NewAlert(systemId, null, "勒索软件活动",
                        "CRITICAL", null, "主机出现加密行为"))))
                .andWaitForEventOfType(AlertRaised.class)
                .toArriveAndVerify((event, alertId) -> {
                    assertThat(event.system().id()).isEqualTo(systemId);
                    assertThat(intake.alertOf(provider, alertId)).hasValueSatisfying(a -> assertThat(a.systemId()).isEqualTo(systemId));
                });
    }
}
