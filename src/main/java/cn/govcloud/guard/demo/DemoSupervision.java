package cn.govcloud.guard.demo;

import cn.govcloud.guard.documents.OfficialPapers;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.supervision.SupervisionScheduling;
import cn.govcloud.guard.systems.Systems;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The demo city's supervision (A11.3) through the same public service the pages use: last month's
 * scheduling closed with its actions, this month's open with its drafted agenda, a data-security
 * inspection in progress with one failed item (a hazard), and a notice one of two units acknowledged, issued as a 通报
 * (issue 22 point 7) whose signed and sealed scan is attached.
 */
@DemoComponent
@org.springframework.core.annotation.Order(110)
record DemoSupervision(SupervisionScheduling supervision, OfficialPapers official, Systems systems, DemoSeeding city) implements DemoStep {

    @Override
    public void seed() {
        city.partly("supervision", this::seedCity);
    }

    private void seedCity() {
        Map<String, Long> orgs = city.organisationIds();
        long education = orgs.get("包头市教育局");
        long health = orgs.get("包头市卫生健康委员会");
        long provider = city.ofKind(OrgKind.PROVIDER).get(0);
        LocalDate today = city.today();
        YearMonth thisMonth = YearMonth.from(today);
        YearMonth lastMonth = thisMonth.minusMonths(1);
        Map<String, Long> systemIds = systems.ofOrganisation(education).stream()
                .collect(Collectors.toMap(Systems.SystemRef::name, Systems.SystemRef::id, (a, b) -> a));
        Function<String, Long> system = name -> systemIds.getOrDefault(name, systemIds.values().stream().findFirst().orElse(null));

        city.as("supervisor", () -> {
            long last = supervision.openMonth(lastMonth);
            supervision.recordMeeting(last, lastMonth.atDay(Math.min(20, lastMonth.lengthOfMonth())),
                    "市大数据中心、云服务商、包头市教育局、包头市卫生健康委员会、包头市人力资源和社会保障局");
            supervision.addDecision(last, "各使用单位于下月15日前完成门户类系统弱口令专项清理。");
            supervision.addDecision(last, "云服务商每周报送边界防护策略变更情况。");
            supervision.assignDuty(last, education, "完成门户类系统弱口令专项清理并书面报告", today.plusDays(10));
            supervision.assignDuty(last, provider, "报送云平台边界防火墙策略核查报告", today.plusDays(14));
            Long portal = system.apply("教育局门户网站");
            if (portal != null) {
                supervision.assignHazard(last, portal, "门户网站后台未启用双因素认证", "MEDIUM");
            }
            supervision.closeMonth(last);

            long current = supervision.openMonth(thisMonth);
            supervision.addDecision(current, "重点督办逾期未整改隐患，月底前销号。");

            String quarter = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
            long inspection = supervision.startInspection(quarter, "数据安全", List.of("A8"), List.of(education));
            List<SupervisionScheduling.ChecklistItem> items = supervision.checklist(inspection);
            Long failed = items.stream().filter(i -> i.subjectKind().equals("SYSTEM")).findFirst().map(SupervisionScheduling.ChecklistItem::id)
                    .orElse(null);
            if (failed != null) {
                supervision.recordResult(inspection, failed, "FAIL", "重要数据库备份文件未加密存储", "王督查");
            }
            items.stream().filter(i -> failed == null || i.id() != failed).limit(2)
                    .forEach(i -> supervision.recordResult(inspection, i.id(), "PASS", null, "王督查"));
        });
        long notice = city.by("supervisor", () -> supervision.issueNotice("风险隐患通报", lastMonth.getMonthValue() + "月政务云安全调度情况通报",
                "请各单位按调度纪要落实交办事项，逾期未整改的隐患于本月底前完成整改并书面反馈。", List.of(education, health)));
        city.as("unit1", () -> supervision.acknowledgeNotice(notice, "已收悉，正在落实。"));
        city.as("supervisor", () -> {
            OfficialPapers.Issued issued = official.issue(OfficialPapers.Kind.NOTICE, notice);
            official.attachScan(issued.id(), issued.number() + "（盖章扫描件）.pdf", city.paper("关于" + lastMonth.getMonthValue()
                    + "月政务云安全调度情况的通报", issued.number() + "，包头市大数据中心盖章的通报扫描件。"));
        });
    }
}
