package cn.govcloud.guard.incidents;

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
import cn.govcloud.guard.systems.Systems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.Scenario;

/**
 * The incidents module with the modules it uses (issue 18 point 2): a confirmed incident of a reportable grade (I–III) is a
 * published fact that starts the initial report clock.
 */
@ModuleTest
class IncidentsModuleTests {
    private final Incidents incidents;
    private final Systems systems;
    private final Duties duties;
    private final IdentityManagement identity;
    private final Clock clock;

    IncidentsModuleTests(Incidents incidents, Systems systems, Duties duties, IdentityManagement identity, Clock clock) {
        this.incidents = incidents;
        this.systems = systems;
        this.duties = duties;
        this.identity = identity;
        this.clock = clock;
    }

    @Test
    void a10_5_reportingAnIncidentPublishesIncidentConfirmedAndTheInitialReportIsDueFromIt(Scenario scenario) {
        Actor unit = ModuleActors.inNewOrganisation(identity, OrgKind.UNIT, Role.UNIT_SECURITY_OFFICER);
        long systemId = as(unit, () -> systems.register(new Systems.NewSystem("事件模块测试系统" + unit.username(), "模块测试", 2, null,
                "张三", "13900000001", List.of("GOV_EXTRANET"), List.of())));
        Instant confirmed = clock.instant().minus(Duration.ofMinutes(10));

        scenario.stimulate(() -> as(unit, () -> incidents.report(new Incidents.NewIncident(systemId, "网页篡改", "INFORMATION_DESTRUCTION",
                        null, "III", confirmed.minus(Duration.ofMinutes(20)), confirmed, "首页被篡改", "门户停止服务 2 小时", Incidents.Criteria.none()))))
                .andWaitForEventOfType(IncidentConfirmed.class)
                .toArriveAndVerify((event, reported) -> {
                    assertThat(event.incidentId()).isEqualTo(reported.id());
                    assertThat(event.subject().id()).isEqualTo(systemId);
                    assertThat(event.at()).isEqualTo(confirmed);
                    Duty initial = duties.raisedBy(event.reference()).stream()
                            .filter(d -> d.ruleId().equals("A10.5-incident-report")).findFirst().orElseThrow();
                    assertThat(reported.reportDueAt()).isEqualTo(initial.dueAt());
                });
    }
}
