package cn.govcloud.guard.siem;

import static cn.govcloud.guard.ModuleActors.as;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ModuleActors;
import cn.govcloud.guard.ModuleTest;
import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditFeed;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.siem.internal.SiemSender;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.Scenario;

/**
 * The SIEM module on audit and crypto alone (issue 18 point 2; it publishes and listens to no event, so its main use case
 * through its public API): the security administrator adds a webhook destination (audited); what the operation log
 * records after it reaches the collector and the destination's cursor moves past it (A7.4).
 */
@ModuleTest
class SiemModuleTests {
    private final SiemDestinations destinations;
    private final SiemSender sender;
    private final AuditLog log;
    private final AuditFeed feed;

    SiemModuleTests(SiemDestinations destinations, SiemSender sender, AuditLog log, AuditFeed feed) {
        this.destinations = destinations;
        this.sender = sender;
        this.log = log;
        this.feed = feed;
    }

    @Test
    void a7_4_aNewWebhookDestinationReceivesWhatTheOperationLogRecordsFromNowOn(Scenario scenario) throws Exception {
        Actor secadmin = ModuleActors.administrator(Role.SECURITY_ADMIN);
        try (WebhookPeer collector = new WebhookPeer()) {
            long before = feed.lastId();
            Destination created = as(secadmin, () -> destinations.create(secadmin, new SiemDestinations.NewDestination("模块测试 SOC",
                    "WEBHOOK", collector.url(), null, null, "a-long-hmac-key-0123456789", null, true, null)));
            assertThat(feed.after(before, 100)).filteredOn(r -> r.action().equals("siem.destination.create"))
                    .extracting(AuditRecord::actor).containsExactly(secadmin.username());
            assertThat(created.signed()).isTrue();
            assertThat(created.target()).doesNotContain("s3cr3t");

            scenario.stimulate(() -> as(secadmin, () -> {
                        log.record(AuditEvent.success("module.siem", "module:siem", "模块测试"));
                        sender.sendDue();
                        return feed.lastId();
                    }))
                    .andWaitForStateChange(() -> collector.posts, posts -> posts.stream().anyMatch(p -> p.body().contains("module.siem")))
                    .andVerify(posts -> {
                        assertThat(posts).allSatisfy(p -> assertThat(p.signature()).startsWith("sha256="));
                        assertThat(as(secadmin, () -> destinations.get(secadmin, created.id())).cursor()).isGreaterThan(created.cursor());
                    });
        }
    }
}
