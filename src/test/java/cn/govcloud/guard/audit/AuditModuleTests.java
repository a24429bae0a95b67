package cn.govcloud.guard.audit;

import static cn.govcloud.guard.ModuleActors.as;
import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ModuleActors;
import cn.govcloud.guard.ModuleTest;
import cn.govcloud.guard.shared.Role;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.Scenario;

/** The audit module on crypto alone (issue 18 point 2): what a module records is in the feed, chained to the record before it (A7.4). */
@ModuleTest
class AuditModuleTests {
    private final AuditLog log;
    private final AuditFeed feed;

    AuditModuleTests(AuditLog log, AuditFeed feed) {
        this.log = log;
        this.feed = feed;
    }

    @Test
    void a7_4_aRecordedEventIsTheNextLinkOfTheChainInTheFeed(Scenario scenario) {
        long before = feed.lastId();

        scenario.stimulate(() -> as(ModuleActors.administrator(Role.SECURITY_ADMIN), () -> {
                    log.record(AuditEvent.success("module.test", "module:audit", "模块测试"));
                    return null;
                }))
                .andWaitForStateChange(() -> feed.after(Math.max(before - 1, 0), 10), records -> records.stream().anyMatch(r -> r.id() > before))
                .andVerify(records -> {
                    int at = records.size() - 1;
                    AuditRecord recorded = records.get(at);
                    assertThat(recorded.action()).isEqualTo("module.test");
                    assertThat(recorded.actor()).isEqualTo("module-security_admin");
                    assertThat(recorded.prevHash()).isEqualTo(at > 0 ? records.get(at - 1).hash() : AuditRecord.GENESIS_HASH);
                });
    }
}
