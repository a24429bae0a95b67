package cn.govcloud.guard.supervision;

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

/** The supervision module with the modules it uses (issue 18 point 2): a notice (通报) is a published fact per receiving unit. */
@ModuleTest
class SupervisionModuleTests {
    private final SupervisionScheduling scheduling;
    private final Duties duties;
    private final IdentityManagement identity;

    SupervisionModuleTests(SupervisionScheduling scheduling, Duties duties, IdentityManagement identity) {
        this.scheduling = scheduling;
        this.duties = duties;
        this.identity = identity;
    }

    @Test
    void a11_3_issuingANoticePublishesNoticeIssuedAndTheUnitOwesItsAcknowledgement(Scenario scenario) {
        Actor unit = ModuleActors.inNewOrganisation(identity, OrgKind.UNIT, Role.UNIT_SECURITY_OFFICER);
        Actor supervisor = ModuleActors.inNewOrganisation(identity, OrgKind.SUPERVISOR, Role.SUPERVISOR);

        scenario.stimulate(() -> as(supervisor, () -> scheduling.issueNotice("安全通报", "关于弱口令的通报", "请立即自查弱口令。",
                        List.of(unit.orgId()))))
                .andWaitForEventOfType(NoticeIssued.class)
                .toArriveAndVerify((event, noticeId) -> {
                    assertThat(event.noticeId()).isEqualTo(noticeId);
                    assertThat(event.unit().id()).isEqualTo(unit.orgId());
                    assertThat(duties.raisedBy(event.reference())).extracting(Duty::ruleId, Duty::orgId)
                            .contains(org.assertj.core.groups.Tuple.tuple("A11.3-notice-acknowledgement", unit.orgId()));
                });
    }
}
