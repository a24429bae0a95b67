package cn.govcloud.guard.access;

import static cn.govcloud.guard.ModuleActors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.govcloud.guard.ModuleActors;
import cn.govcloud.guard.ModuleTest;
import cn.govcloud.guard.audit.AuditFeed;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.Systems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.Scenario;

/**
 * The access module with the modules it uses (issue 18 point 2): a remote-channel request, its approval and the provider's
 * request for a unit's data are published facts; the duties the catalog hangs on them are raised with them, and each
 * step is audited.
 */
@ModuleTest
class AccessModuleTests {
    private final Channels channels;
    private final Grants grants;
    private final Systems systems;
    private final Duties duties;
    private final IdentityManagement identity;
    private final AuditFeed feed;
    private final Clock clock;
    private Actor unit;
    private long systemId;

    AccessModuleTests(Channels channels, Grants grants, Systems systems, Duties duties, IdentityManagement identity, AuditFeed feed,
                      Clock clock) {
        this.channels = channels;
        this.grants = grants;
        this.systems = systems;
        this.duties = duties;
        this.identity = identity;
        this.feed = feed;
        this.clock = clock;
    }

    @BeforeAll
    void aUnitWithASystem() {
        unit = ModuleActors.inNewOrganisation(identity, OrgKind.UNIT, Role.UNIT_SECURITY_OFFICER);
        systemId = as(unit, () -> systems.register(new Systems.NewSystem("访问模块测试系统" + unit.username(), "模块测试", 2, null,
                "张三", "13900000001", List.of("GOV_EXTRANET"), List.of())));
    }

    private Channels.NewChannel aChannel() {
        Instant start = clock.instant().plus(Duration.ofHours(1));
        return new Channels.NewChannel(systemId, "数据库补丁升级", "升级数据库补丁", "dbadmin", "VPN", "李四", start,
                start.plus(Duration.ofHours(2)), false);
    }

    private List<AuditRecord> auditedSince(long before, String action) {
        return feed.after(before, 500).stream().filter(r -> r.action().equals(action)).toList();
    }

    @Test
    void a9_2_aChannelRequestPublishesRemoteAccessRequestedAndRaisesTheUnitsInternalApproval(Scenario scenario) {
        long before = feed.lastId();

        scenario.stimulate(() -> as(unit, () -> channels.request(aChannel())))
                .andWaitForEventOfType(RemoteAccessRequested.class)
                .toArriveAndVerify((event, id) -> {
                    assertThat(event.channelId()).isEqualTo(id);
                    assertThat(event.subject().id()).isEqualTo(systemId);
                    assertThat(duties.raisedBy("channel:" + id)).extracting(Duty::ruleId, Duty::orgId)
                            .contains(tuple("A9.2-remote-operation-approval", unit.orgId()));
                    assertThat(auditedSince(before, "access.channel.request")).extracting(AuditRecord::target).contains("channel:" + id);
                });
    }

    @Test
    void a9_2_theSupervisorApprovingASoleOfficersChannelPublishesRemoteAccessApprovedAndClosesTheApprovalDuty(Scenario scenario) {
        long id = as(unit, () -> channels.request(aChannel()));
        Actor supervisor = ModuleActors.inNewOrganisation(identity, OrgKind.SUPERVISOR, Role.SUPERVISOR);
        long before = feed.lastId();

        scenario.stimulate(() -> as(supervisor, () -> {
                    channels.approve(id, "同意");
                    return id;
                }))
                .andWaitForEventOfType(RemoteAccessApproved.class)
                .matching(event -> event.channelId() == id)
                .toArriveAndVerify(event -> {
                    assertThat(event.subject().id()).isEqualTo(systemId);
                    assertThat(duties.raisedBy("channel:" + id)).extracting(Duty::state).isNotEmpty().containsOnly(DutyState.ACCEPTED);
                    assertThat(auditedSince(before, "access.channel.approve")).extracting(AuditRecord::target).contains("channel:" + id);
                });
    }

    @Test
    void a8_1_theProvidersRequestForAUnitsDataPublishesDataAccessRequestedAndRaisesTheUnitsDecision(Scenario scenario) {
        Actor provider = ModuleActors.inNewOrganisation(identity, OrgKind.PROVIDER, Role.PROVIDER_OPERATOR);
        Instant start = clock.instant().plus(Duration.ofHours(1));
        long before = feed.lastId();

        scenario.stimulate(() -> as(provider, () -> grants.request(systemId, "排查数据库性能问题", Set.of(Grants.Purpose.VIEW), start,
                        start.plus(Duration.ofDays(2)))))
                .andWaitForEventOfType(DataAccessRequested.class)
                .toArriveAndVerify((event, id) -> {
                    assertThat(event.grantId()).isEqualTo(id);
                    assertThat(event.system().id()).isEqualTo(systemId);
                    assertThat(duties.raisedBy("data-access:" + id)).extracting(Duty::orgId).containsOnly(unit.orgId()).isNotEmpty();
                    assertThat(auditedSince(before, "access.grant.request")).isNotEmpty();
                    // nothing is allowed before the unit decides (A8.1)
                    assertThat(grants.allows(provider.orgId(), systemId, Grants.Purpose.VIEW, start.plusSeconds(60))).isFalse();
                });
    }
}
