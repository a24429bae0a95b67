package cn.govcloud.guard.demo;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.hazards.Hazards.NewHazard;
import cn.govcloud.guard.hazards.Hazards.Severity;
import cn.govcloud.guard.systems.Systems;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo city's hazard notices (A10.1, A10.2), raised and worked through the same service the
 * supervisor, the provider and the units use: one just notified, one in progress, one awaiting
 * verification, one from the red-team exercise overdue, one closed on time and one closed late.
 */
@DemoComponent
@org.springframework.core.annotation.Order(50)
record DemoHazards(Hazards hazards, Systems systems, DemoSeeding city) implements DemoStep {

    enum Fate { NOTIFIED, IN_PROGRESS, FEEDBACK, OVERDUE, CLOSED, CLOSED_LATE }

    record Demo(String system, String unit, String warner, String title, Severity severity, String source, Duration ago, Fate fate) {
    }

    static final java.util.List<Demo> HAZARDS = java.util.List.of(
            new Demo("教育局招生考试系统", "unit1", "supervisor", "Apache Struts2 远程代码执行漏洞（S2-066）", Severity.CRITICAL, "FINDING",
                    Duration.ofMinutes(10), Fate.NOTIFIED),
            new Demo("教育局门户网站", "unit1", "provider", "网站管理后台存在弱口令", Severity.HIGH, "ALERT", Duration.ofDays(2), Fate.IN_PROGRESS),
            new Demo("卫健委全民健康信息平台", "unit2", "supervisor", "数据库审计策略未覆盖全部敏感表", Severity.MEDIUM, "INSPECTION",
                    Duration.ofDays(3), Fate.FEEDBACK),
            new Demo("人社局社保经办系统", "unit3", "supervisor", "实网攻防演练：越权访问参保人信息接口", Severity.HIGH, "RED_TEAM",
                    Duration.ofDays(20), Fate.OVERDUE),
            new Demo("人社局公共就业服务网", "unit3", "provider", "前端使用存在已知漏洞的 jQuery 1.8", Severity.LOW, "FINDING",
                    Duration.ofDays(1), Fate.CLOSED),
            new Demo("卫健委预约挂号服务系统", "unit2", "supervisor", "高危漏洞（远程代码执行）通报后逾期未整改", Severity.CRITICAL, "MANUAL",
                    Duration.ofDays(30), Fate.CLOSED_LATE));

    @Override
    public void seed() {
        Map<String, Long> byName = new HashMap<>();
        systems.find(systems.addresses().stream().map(Systems.Address::systemId).distinct().toList())
                .forEach(s -> byName.put(s.name(), s.id()));
        Instant now = city.now();
        LocalDate today = now.atZone(WorkingCalendar.ZONE).toLocalDate();
        for (Demo demo : HAZARDS) {
            Long system = byName.get(demo.system());
            if (system == null) {
                continue;
            }
            long id = city.by(demo.warner(), () -> hazards.raise(new NewHazard(system, demo.title(), demo.severity(),
                    "在" + sourceText(demo.source()) + "中发现，详见技术附件。", now.minus(demo.ago()), demo.source(), null)).id());
            // issue 17 point 3: a notice dated before its record comes with the paper notice, and the supervisor confirms the date
            boolean backdated = city.by(demo.warner(), () -> hazards.attachNoticeDocument(id, "隐患整改通知书.pdf",
                    city.paper("隐患整改通知书", demo.title())));
            if (backdated) {
                city.as("supervisor", () -> hazards.confirmNoticeDate(id));
            }
            if (demo.fate() == Fate.NOTIFIED) {
                continue;
            }
            city.as(demo.unit(), () -> hazards.acknowledgeHazard(id, "刘芳", "已限制访问来源并启动整改"));
            if (demo.fate() == Fate.IN_PROGRESS || demo.fate() == Fate.OVERDUE) {
                continue;
            }
            city.as(demo.unit(), () -> hazards.submitFeedback(id, "已完成修复并复测，隐患消除", "无", today, "整改报告.pdf",
                    city.paper("隐患整改报告", "已完成修复并复测，隐患消除。")));
            if (demo.fate() == Fate.FEEDBACK) {
                continue;
            }
            city.as(demo.warner(), () -> hazards.closeHazard(id, "复测确认已整改"));
        }
    }

    private static String sourceText(String source) {
        return switch (source) {
            case "FINDING" -> "漏洞扫描";
            case "ALERT" -> "7×24 监测";
            case "INSPECTION" -> "季度专项检查";
            case "RED_TEAM" -> "实网攻防演练";
            default -> "日常检查";
        };
    }
}
