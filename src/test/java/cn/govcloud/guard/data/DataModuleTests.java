package cn.govcloud.guard.data;

import static cn.govcloud.guard.ModuleActors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.ModuleActors;
import cn.govcloud.guard.ModuleTest;
import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.HarmObject;
import cn.govcloud.guard.data.DataSecurity.HarmSeverity;
import cn.govcloud.guard.data.DataSecurity.LegalBasis;
import cn.govcloud.guard.data.DataSecurity.NewDataset;
import cn.govcloud.guard.data.DataSecurity.NewTransfer;
import cn.govcloud.guard.data.DataSecurity.Part;
import cn.govcloud.guard.data.DataSecurity.PartKind;
import cn.govcloud.guard.data.DataSecurity.TransferStatus;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.Systems;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.Scenario;

/**
 * The data module with the modules it uses (issue 18 point 2): a registered cross-border transfer is a published fact
 * ({@link DataExportRegistered}) the duties hang on (A8.3); the catalog grades 就高从严 through the public API (A8.2).
 */
@ModuleTest
class DataModuleTests {
    private final DataSecurity data;
    private final Systems systems;
    private final Duties duties;
    private final IdentityManagement identity;

    DataModuleTests(DataSecurity data, Systems systems, Duties duties, IdentityManagement identity) {
        this.data = data;
        this.systems = systems;
        this.duties = duties;
        this.identity = identity;
    }

    private long system(Actor unit) {
        return as(unit, () -> systems.register(new Systems.NewSystem("数据模块测试系统" + unit.username(), "数据模块测试", 3, null, "张三",
                "13900000001", List.of("GOV_EXTRANET"), List.of())));
    }

    private static NewDataset dataset(long system, String name, Grade grade, Grade partGrade) {
        return new NewDataset(system, name, "全市户籍人口基础信息", "公安", "约260万条", "政务云 A 区", grade, HarmObject.SOCIAL_ORDER,
                HarmSeverity.GENERAL, null, List.of(new Part("身份证号", PartKind.SENSITIVE_PERSONAL, partGrade)));
    }

    @Test
    void a8_3_registeringATransferPublishesDataExportRegisteredAndRaisesTheUnitsComplianceBasisDuty(Scenario scenario) {
        Actor unit = ModuleActors.inNewOrganisation(identity, OrgKind.UNIT, Role.UNIT_SECURITY_OFFICER);
        long system = system(unit);
        long dataset = as(unit, () -> data.catalog(dataset(system, "户籍人口库", null, Grade.IMPORTANT)));

        scenario.stimulate(() -> as(unit, () -> data.registerTransfer(new NewTransfer(dataset, "境外合作研究机构", "新加坡", "联合研究",
                        LegalBasis.SECURITY_ASSESSMENT, TransferStatus.PLANNED, null))))
                .andWaitForEventOfType(DataExportRegistered.class)
                .toArriveAndVerify((event, id) -> {
                    assertThat(event.transferId()).isEqualTo(id);
                    assertThat(event.systemId()).isEqualTo(system);
                    assertThat(event.orgId()).isEqualTo(unit.orgId());
                    assertThat(event.dataGrade()).isEqualTo("important");
                    assertThat(duties.raisedBy("data-transfer:" + id)).extracting(Duty::ruleId).contains("A8.3-cross-border-assessment");
                });
    }

    @Test
    void a8_2_theCatalogGradesASetByItsMostSensitivePartAndRefusesALowerGrade() {
        Actor unit = ModuleActors.inNewOrganisation(identity, OrgKind.UNIT, Role.UNIT_SECURITY_OFFICER);
        long system = system(unit);

        assertThat(as(unit, () -> data.catalog(dataset(system, "自动定级", null, Grade.IMPORTANT)))).isPositive();
        assertThatThrownBy(() -> as(unit, () -> data.catalog(dataset(system, "定级过低", Grade.GENERAL_2, Grade.IMPORTANT))))
                .isInstanceOf(RuleViolation.class).satisfies(e -> assertThat(((RuleViolation) e).rule()).isEqualTo("A8.2"));
    }
}
