package cn.govcloud.guard.demo;

import cn.govcloud.guard.access.Channels;
import cn.govcloud.guard.access.Channels.NewChannel;
import cn.govcloud.guard.access.Grants;
import cn.govcloud.guard.documents.OfficialPapers;
import cn.govcloud.guard.shared.TimeConfiguration;
import cn.govcloud.guard.systems.Systems;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The demo city's remote channels (A9.2, A9.3, A5.3): 教育局's staff member asked for a zero-trust
 * channel that the unit approved and the provider opened (the requester can still look at its
 * credential once), a second request waits for the unit's officer, and the provider's exceptional
 * remote operation of the platform waits for the big-data centre. The provider also holds 教育局's data-access grant
 * (A8.1) for a patch window the day after tomorrow, and 教育局 issued its 授权函 (issue 22 point 7). The window lies
 * ahead, so the grant does not yet open the system's data to the provider.
 */
@DemoComponent
@org.springframework.core.annotation.Order(90)
record DemoAccess(Channels channels, Grants grants, OfficialPapers official, Systems systems, DemoSeeding city) implements DemoStep {

    @Override
    public void seed() {
        long education = city.organisation("包头市教育局").orElseThrow();
        List<Systems.SystemRef> own = systems.ofOrganisation(education);
        if (own.isEmpty()) {
            return;
        }
        long system = own.get(0).id();
        Instant now = city.now();
        long open = city.by("unit1staff", () -> {
            long opened = channels.request(new NewChannel(system, "学籍系统数据库补丁升级", "升级 MySQL 至 8.0.40，重启应用服务", "dbadmin（仅补丁窗口）",
                    "ZERO_TRUST", "杨洋", now, now.plus(Duration.ofHours(4)), false));
            channels.request(new NewChannel(system, "中间件日志排查", "只读查看 Tomcat 日志", "logreader（只读）", "VPN", "杨洋",
                    now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)).plus(Duration.ofHours(2)), false));
            return opened;
        });
        city.as("unit1", () -> channels.approve(open, "同意，限补丁窗口内操作"));
        city.as("provider", () -> {
            channels.open(open);
            channels.request(new NewChannel(null, "存储控制器固件紧急修复", "厂商远程协助升级存储控制器固件", "storage-vendor（临时）", "VPN",
                    "张伟", now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(3)), false));
        });
        LocalDate window = now.atZone(TimeConfiguration.CITY_ZONE).toLocalDate().plusDays(2);
        long grant = city.by("provider", () -> grants.request(system, "数据库性能调优（需查看并导出慢查询日志）",
                Set.of(Grants.Purpose.VIEW, Grants.Purpose.COPY), window.atTime(9, 0).atZone(TimeConfiguration.CITY_ZONE).toInstant(),
                window.atTime(17, 0).atZone(TimeConfiguration.CITY_ZONE).toInstant()));
        city.as("unit1", () -> {
            grants.decide(grant, true, "同意，限调优窗口内只读查看和导出慢查询日志");
            official.issue(OfficialPapers.Kind.AUTHORISATION, grant);
        });
    }
}
