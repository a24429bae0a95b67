package cn.govcloud.guard.demo;

import cn.govcloud.guard.identity.IdentityBootstrap;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.supervision.SupervisionPeriods;
import cn.govcloud.guard.systems.Systems;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;

/**
 * The demo city's 实网攻防 and 重保 periods (A4, 第四条（二）, issue 22 point 4), through the same service the pages use: the
 * autumn red-team exercise, finished three weeks ago, with three findings raised as hazard notices, and a 重保 period
 * starting in ten days for every unit and the provider. Seeded once, after the demo city, when no period was declared.
 */
@DemoComponent
@Order(150)
record DemoPeriods(SupervisionPeriods periods, Systems systems, IdentityBootstrap bootstrap, DemoSeeding city) implements ApplicationRunner {

    @Override
    public void run(ApplicationArguments args) {
        if (!bootstrap.hasUsers() || periods.anyPeriodDeclared()) {
            return;
        }
        city.partly("periods", this::seed);
    }

    private void seed() {
        Map<String, Long> orgs = city.organisationIds();
        Long provider = city.ofKind(OrgKind.PROVIDER).stream().findFirst().orElse(null);
        LocalDate today = city.today();
        List<Long> exercise = new ArrayList<>();
        for (String unit : List.of("包头市卫生健康委员会", "包头市人力资源和社会保障局", "包头市医疗保障局")) {
            if (orgs.containsKey(unit)) {
                exercise.add(orgs.get(unit));
            }
        }
        List<Long> everyone = new ArrayList<>(city.ofKind(OrgKind.UNIT));
        if (provider != null) {
            exercise.add(provider);
            everyone.add(provider);
        }
        record Finding(String unit, String title, String severity) {
        }
        List<Finding> findings = List.of(
                new Finding("包头市卫生健康委员会", "攻击队经互联网暴露的管理后台弱口令获取系统管理权限", "HIGH"),
                new Finding("包头市人力资源和社会保障局", "接口未校验身份，可越权查询参保人信息", "CRITICAL"),
                new Finding("包头市医疗保障局", "中间件版本过旧，存在已公开的远程代码执行漏洞", "MEDIUM"));
        city.as("supervisor", () -> {
            long done = periods.declarePeriod("EXERCISE", today.getYear() + "年秋季政务云实网攻防演练",
                    today.minusDays(24).atTime(9, 0), today.minusDays(17).atTime(18, 0), exercise, "自治区网络安全攻防队（第3组）",
                    "攻击队自互联网侧对参演单位的云上政务信息系统开展攻击；发现的问题作为隐患通知下发。");
            for (Finding f : findings) {
                Long org = orgs.get(f.unit());
                Long system = org == null ? null : systems.ofOrganisation(org).stream().filter(s -> !"EXITED".equals(s.state()))
                        .map(Systems.SystemRef::id).findFirst().orElse(null);
                if (system != null) {
                    periods.recordPeriodFinding(done, system, f.title(), f.severity(), "实网攻防演练中由攻击队发现，详见攻击报告。");
                }
            }
            periods.declarePeriod("PROTECTION", today.plusDays(10).getYear() + "年重要会议期间网络安全保障（重保）",
                    today.plusDays(10).atStartOfDay(), today.plusDays(13).atStartOfDay(), everyone, null,
                    "重保期间各单位每日零报告，隐患须在缩短的时限内确认。");
        });
    }
}
