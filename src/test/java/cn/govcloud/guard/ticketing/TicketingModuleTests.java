package cn.govcloud.guard.ticketing;

import static cn.govcloud.guard.ModuleActors.as;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ModuleActors;
import cn.govcloud.guard.ModuleTest;
import cn.govcloud.guard.audit.AuditFeed;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.hazards.HazardNotified;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.identity.IdentityManagement;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.ticketing.internal.TicketSender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.Scenario;

/**
 * The ticketing module with the hazards module whose fact it listens to (issue 18 point 2): a hazard notice
 * ({@link HazardNotified}, A10.2) opens a ticket in the unit's enabled service desk in the notice's own transaction,
 * audited, and the outbox delivers it to the desk, which answers with its own ticket number.
 */
@ModuleTest
class TicketingModuleTests {
    private final ServiceDesks desks;
    private final Tickets tickets;
    private final TicketSender sender;
    private final Hazards hazards;
    private final Systems systems;
    private final IdentityManagement identity;
    private final AuditFeed feed;

    TicketingModuleTests(ServiceDesks desks, Tickets tickets, TicketSender sender, Hazards hazards, Systems systems,
                         IdentityManagement identity, AuditFeed feed) {
        this.desks = desks;
        this.tickets = tickets;
        this.sender = sender;
        this.hazards = hazards;
        this.systems = systems;
        this.identity = identity;
        this.feed = feed;
    }

    @Test
    void a10_2_aHazardNoticeOpensATicketInTheUnitsDeskWhichTheOutboxDelivers(Scenario scenario) throws Exception {
        Actor unit = ModuleActors.inNewOrganisation(identity, OrgKind.UNIT, Role.UNIT_SECURITY_OFFICER);
        long systemId = as(unit, () -> systems.register(new Systems.NewSystem("工单模块测试系统" + unit.username(), "模块测试", 2, null,
                "张三", "13900000001", List.of("GOV_EXTRANET"), List.of())));
        Actor secadmin = ModuleActors.administrator(Role.SECURITY_ADMIN);
        Actor supervisor = ModuleActors.inNewOrganisation(identity, OrgKind.SUPERVISOR, Role.SUPERVISOR);
        try (DeskPeer peer = new DeskPeer()) {
            Desk desk = as(secadmin, () -> desks.create(secadmin, new ServiceDesks.NewDesk("单位服务台" + unit.username(), unit.orgId(),
                    peer.url(), "desk-secret-0123456789abcdef", true)));
            long before = feed.lastId();

            scenario.stimulate(() -> as(supervisor, () -> hazards.raise(new Hazards.NewHazard(systemId, "弱口令", Hazards.Severity.HIGH,
                            "管理后台使用弱口令", null, "MANUAL", null))))
                    .andWaitForEventOfType(HazardNotified.class)
                    .toArriveAndVerify((event, raised) -> {
                        List<Ticket> opened = tickets.of(unit, Tickets.Kind.HAZARD, raised.id());
                        assertThat(opened).singleElement().satisfies(t -> {
                            assertThat(t.deskId()).isEqualTo(desk.id());
                            assertThat(t.state()).isEqualTo("PENDING");
                        });
                        assertThat(feed.after(before, 500)).filteredOn(r -> r.action().equals("ticketing.ticket.open"))
                                .extracting(AuditRecord::target).contains("hazard:" + raised.id());

                        sender.sendDue();
                        assertThat(peer.posts).singleElement().satisfies(p -> assertThat(p.body()).contains("弱口令"));
                        assertThat(tickets.of(unit, Tickets.Kind.HAZARD, raised.id())).singleElement().satisfies(t -> {
                            assertThat(t.state()).isEqualTo("SENT");
                            assertThat(t.externalId()).startsWith("ITSM-");
                        });
                    });
        }
    }
}
