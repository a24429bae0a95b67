package cn.govcloud.guard.demo;

import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.hazards.Hazards.NewHazard;
import cn.govcloud.guard.hazards.Hazards.Severity;
import cn.govcloud.guard.incidents.Incidents;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.systems.Systems;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A record of the year for the demo units that have no people of their own yet, so the annual
 * assessment (A12) of the demo city ranks eight units on what they did rather than giving five of
 * them full marks for nothing: each gets a security officer, a registered system, hazards worked
 * on time, late or not at all, and for two of them incidents. All through the public services; the officers themselves
 * are {@link DemoUnitOfficers}'.
 */
@DemoComponent
@org.springframework.core.annotation.Order(120)
record DemoAssessment(Systems systems, Hazards hazards, Incidents incidents, DemoSeeding city) implements DemoStep {

    enum Fate { ON_TIME, LATE, OPEN }

    record HazardPlan(String title, Severity severity, int daysAgo, Fate fate) {
    }

    record UnitPlan(String unit, String username, String officer, String mobile, String system, List<HazardPlan> hazards, List<String> incidentGrades) {
    }

    static final List<UnitPlan> PLANS = List.of(
            new UnitPlan("包头市医疗保障局", "unit4", "马丽", "13847200014", "医保结算服务平台",
                    List.of(new HazardPlan("结算接口未做频率限制", Severity.MEDIUM, 2, Fate.ON_TIME),
                            new HazardPlan("运维终端存在高危漏洞", Severity.HIGH, 40, Fate.LATE)), List.of()),
            new UnitPlan("包头市交通运输局", "unit5", "郭伟", "13847200015", "交通运输综合执法系统",
                    List.of(new HazardPlan("执法终端弱口令", Severity.HIGH, 1, Fate.ON_TIME)), List.of("IV", "IV")),
            new UnitPlan("包头市民政局", "unit6", "何敏", "13847200016", "婚姻登记管理系统",
                    List.of(new HazardPlan("数据库未开启审计", Severity.MEDIUM, 25, Fate.OPEN)), List.of()),
            new UnitPlan("包头市自然资源局", "unit7", "宋涛", "13847200017", "不动产登记信息平台",
                    List.of(new HazardPlan("互联网暴露面存在测试页面", Severity.LOW, 3, Fate.ON_TIME)), List.of("III")),
            new UnitPlan("包头市住房和城乡建设局", "unit8", "韩雪", "13847200018", "住房公积金管理系统",
                    List.of(new HazardPlan("中间件版本过旧", Severity.MEDIUM, 35, Fate.LATE),
                            new HazardPlan("备份未异地存放", Severity.HIGH, 18, Fate.OPEN)), List.of()));

    @Override
    public void seed() {
        Instant now = city.now();
        LocalDate today = now.atZone(cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE).toLocalDate();
        int n = 0;
        for (UnitPlan plan : PLANS) {
            n++;
            if (city.ofKind(OrgKind.UNIT, plan.unit()).isEmpty()) {
                continue;
            }
            String address = "10.60." + n + ".10";
            long system = city.by(plan.username(), () -> systems.register(new Systems.NewSystem(plan.system(), plan.system() + "（政务外网）", 2,
                    null, plan.officer(), plan.mobile(), List.of("GOV_EXTRANET"), List.of(address))));
            for (HazardPlan h : plan.hazards()) {
                long id = city.by("supervisor", () -> hazards.raise(new NewHazard(system, h.title(), h.severity(), "在日常检查中发现，详见技术附件。",
                        now.minus(Duration.ofDays(h.daysAgo())), "MANUAL", null)).id());
                // issue 17 point 3: the paper notice of a hazard recorded after the fact, confirmed by the supervisor
                city.as("supervisor", () -> {
                    if (hazards.attachNoticeDocument(id, "隐患整改通知书.pdf", city.paper("隐患整改通知书", h.title()))) {
                        hazards.confirmNoticeDate(id);
                    }
                });
                if (h.fate() == Fate.OPEN) {
                    continue;
                }
                city.as(plan.username(), () -> {
                    hazards.acknowledgeHazard(id, plan.officer(), "已启动整改");
                    hazards.submitFeedback(id, "已完成整改并复测", "无", today, "整改报告.pdf",
                            city.paper("隐患整改报告", "已完成整改并复测。"));
                });
                city.as("supervisor", () -> hazards.closeHazard(id, "复测确认已整改"));
            }
            for (String grade : plan.incidentGrades()) {
                Instant confirmed = now.minus(Duration.ofDays(10));
                city.as(plan.username(), () -> incidents.report(new Incidents.NewIncident(system,
                        "III".equals(grade) ? "门户网站页面被篡改" : "遭受端口扫描探测", "III".equals(grade) ? "INFORMATION_DESTRUCTION" : "NETWORK_ATTACK",
                        null, grade, confirmed.minus(Duration.ofHours(1)), confirmed, "监测发现后立即处置", "III".equals(grade) ? "门户停止服务 3 小时" : "无实际影响",
                        Incidents.Criteria.none())));
            }
        }
    }
}
