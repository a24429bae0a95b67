package cn.govcloud.guard.supervision.annualreport;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.supervision.annualreport.AnnualReport.Certification;
import cn.govcloud.guard.supervision.annualreport.AnnualReport.Figure;
import cn.govcloud.guard.supervision.annualreport.AnnualReport.HazardLine;
import cn.govcloud.guard.supervision.annualreport.AnnualReport.MajorIncident;
import cn.govcloud.guard.supervision.annualreport.AnnualReport.Rate;
import cn.govcloud.guard.supervision.annualreport.ReportOutline.Chart;
import cn.govcloud.guard.supervision.annualreport.ReportOutline.Grid;
import cn.govcloud.guard.supervision.annualreport.ReportOutline.Heading;
import cn.govcloud.guard.supervision.annualreport.ReportOutline.Part;
import cn.govcloud.guard.supervision.annualreport.ReportOutline.Text;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Writes {@link AnnualReport} as the document's sections (一、总体情况 … 八、统计口径说明), in Chinese. */
final class AnnualReportOutline {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkingCalendar.ZONE);
    static final String ISSUER = "包头市大数据中心";

    private AnnualReportOutline() {
    }

    static ReportOutline of(AnnualReport r) {
        String now = r.year() + "年";
        String before = r.inProgress() ? r.previousYear() + "年同期" : r.previousYear() + "年";
        List<String> years = List.of(now, before);
        List<Part> parts = new ArrayList<>();

        parts.add(new Heading(1, "一、总体情况"));
        r.summary().forEach(s -> parts.add(new Text(s)));

        parts.add(new Heading(1, "二、云上政务信息系统"));
        parts.add(new Heading(2, "（一）按网络安全等级保护级别统计"));
        List<Figure> levels = new ArrayList<>(r.systems().byLevel());
        levels.add(r.systems().total());
        levels.add(r.systems().admitted());
        levels.add(r.systems().exited());
        parts.add(figures("级别", levels, now, before));
        parts.add(chart("云上政务信息系统数量（按等保级别，期末）", years, r.systems().byLevel()));
        parts.add(new Heading(2, "（二）等级保护测评与商用密码应用安全性评估"));
        List<List<String>> rates = new ArrayList<>();
        List<String> rateNames = new ArrayList<>();
        List<Double> rateNow = new ArrayList<>();
        List<Double> rateBefore = new ArrayList<>();
        for (var a : r.assessments()) {
            for (Rate rate : List.of(a.coverage(), a.passRate())) {
                rates.add(List.of(rate.label(), rate(rate.percent(), rate.numerator(), rate.denominator()),
                        rate(rate.previousPercent(), rate.previousNumerator(), rate.previousDenominator()), points(rate.deltaPoints())));
                rateNames.add(rate.label());
                rateNow.add(rate.percent() == null ? null : rate.percent().doubleValue());
                rateBefore.add(rate.previousPercent() == null ? null : rate.previousPercent().doubleValue());
            }
        }
        parts.add(new Grid(List.of("指标", now, before, "增减"), rates));
        parts.add(new Chart("等保测评与密评覆盖率、通过率", years, rateNames, List.of(rateNow, rateBefore), "%"));

        parts.add(new Heading(1, "三、风险隐患及整改"));
        parts.add(new Heading(2, "（一）总体情况"));
        HazardLine t = r.hazards().total();
        parts.add(new Grid(List.of("指标", now, before, "增减"), List.of(
                countRow("通知风险隐患（项）", t.current().notified(), t.previous().notified()),
                countRow("按期整改（项）", t.current().onTime(), t.previous().onTime()),
                countRow("逾期整改（项）", t.current().late(), t.previous().late()),
                countRow("尚未整改（项）", t.current().open(), t.previous().open()),
                countRow("其中已逾期（项）", t.current().openOverdue(), t.previous().openOverdue()),
                List.of("按期整改率", percent(t.current().onTimePercent()), percent(t.previous().onTimePercent()), points(t.deltaOnTimePoints())),
                List.of("整改完成率", percent(t.current().rectifiedPercent()), percent(t.previous().rectifiedPercent()),
                        points(diff(t.current().rectifiedPercent(), t.previous().rectifiedPercent()))))));
        parts.add(new Heading(2, "（二）按隐患来源统计"));
        parts.add(hazards("来源", r.hazards().bySource(), before));
        parts.add(hazardChart("风险隐患数量（按来源）", years, r.hazards().bySource()));
        parts.add(new Heading(2, "（三）按严重程度统计"));
        parts.add(hazards("严重程度", r.hazards().bySeverity(), before));
        parts.add(hazardChart("风险隐患数量（按严重程度）", years, r.hazards().bySeverity()));
        parts.add(new Heading(2, "（四）按云使用单位统计"));
        if (r.hazards().byUnit().isEmpty()) {
            parts.add(new Text("统计期内及上年同期均无风险隐患通知。"));
        } else {
            parts.add(hazards("单位", r.hazards().byUnit(), before));
        }

        parts.add(new Heading(1, "四、网络安全事件"));
        parts.add(new Heading(2, "（一）按事件级别统计"));
        List<Figure> grades = new ArrayList<>(r.incidents().byGrade());
        grades.add(r.incidents().total());
        parts.add(figures("事件级别", grades, now, before));
        parts.add(chart("网络安全事件数量（按级别）", years, r.incidents().byGrade()));
        parts.add(new Heading(2, "（二）事件报告情况"));
        parts.add(figures("情形", r.incidents().reporting(), now, before));
        parts.add(new Heading(2, "（三）Ⅲ级（较大）及以上事件"));
        if (r.incidents().major().isEmpty()) {
            parts.add(new Text("统计期内未发生Ⅲ级（较大）及以上网络安全事件。"));
        } else {
            parts.add(new Grid(List.of("编号", "事件", "级别", "确认时间", "责任单位", "范围"), r.incidents().major().stream()
                    .map(AnnualReportOutline::major).toList()));
        }

        parts.add(new Heading(1, "五、应急演练"));
        parts.add(figures("项目", r.drills(), now, before));

        parts.add(new Heading(1, "六、远程运维与机房实地操作"));
        parts.add(new Heading(2, "（一）远程运维安全通道"));
        parts.add(figures("项目", r.channels(), now, before));
        parts.add(new Heading(2, "（二）机房实地操作"));
        parts.add(figures("项目", r.visits(), now, before));

        parts.add(new Heading(1, "七、云服务商安全评估与测评"));
        parts.add(new Heading(2, "（一）本期出具的报告"));
        parts.add(figures("类别", r.certifications().issuedByKind(), now, before));
        if (!r.certifications().issued().isEmpty()) {
            parts.add(new Grid(List.of("类别", "报告编号", "评估（测评）机构", "出具日期", "有效期至", "结论", "报送期限", "报送情况"),
                    r.certifications().issued().stream().map(AnnualReportOutline::certification).toList()));
        }
        parts.add(new Heading(2, "（二）期末有效的报告"));
        if (r.certifications().inForce().isEmpty()) {
            parts.add(new Text("截至" + AnnualReportSummary.day(r.periodEnd()) + "，无有效的云计算服务安全评估、等级保护测评或商用密码应用安全性评估报告。"));
        } else {
            parts.add(new Grid(List.of("类别", "云服务商", "报告编号", "出具日期", "有效期至", "结论"), r.certifications().inForce().stream()
                    .map(c -> List.of(c.label(), c.provider(), c.reportNumber(), c.issueDate().toString(), c.validUntil().toString(), c.conclusion()))
                    .toList()));
        }

        parts.add(new Heading(1, "八、统计口径说明"));
        notes(r).forEach(n -> parts.add(new Text(n)));

        String subtitle = ISSUER + " · 统计期 " + AnnualReportSummary.day(r.periodStart()) + "至" + AnnualReportSummary.day(r.periodEnd())
                + " · 生成时间 " + TIME.format(r.generatedAt());
        return new ReportOutline(r.title(), subtitle, parts);
    }

    static List<String> notes(AnnualReport r) {
        return List.of(
                "1. 同比：已结束年度与上年全年比较；年度尚未结束时与上年同期（1月1日至上年同日）比较。",
                "2. 云上政务信息系统：统计期末已准入且未退出的系统（按系统履历中的准入、退出时间），级别为系统现登记的等保级别。",
                "3. 覆盖率：期末在云系统中按其级别须开展该项测评（评估）的系统里，最近一次测评日期按规则目录周期尚未到期的系统所占比例；"
                        + "通过率：统计期内开展测评的系统里，期内最近一次结论为通过的系统所占比例（等保测评“差”、密评“不符合”视为未通过）。",
                "4. 风险隐患：统计期内通知的隐患，按当前处置状态统计；按期整改指在整改时限内书面反馈（或经同意接受风险）且从未逾期，"
                        + "逾期整改指逾期后完成反馈，尚未整改指仍在处置中（第十条第二项）。",
                "5. 网络安全事件：按确认时间统计，级别为现定级；迟报、漏报、瞒报口径同年度考核（第十条第四、五项）。",
                "6. 应急演练：按演练日期统计，综合演练指同时涵盖网络攻击、数据泄露、系统故障、灾备切换四类场景的演练（第十条第三项）。",
                "7. 远程运维通道按申请时间统计，机房实地操作按授权起始日期统计（第九条）。",
                "8. 安全评估与测评报告按出具日期统计，报送情况为出具后15个工作日内向市大数据中心报送的履行情况（第五条第二项）。");
    }

    private static Grid figures(String first, List<Figure> figures, String now, String before) {
        return new Grid(List.of(first, now, before, "增减"), figures.stream().map(f -> countRow(f.label(), f.current(), f.previous())).toList());
    }

    private static List<String> countRow(String label, long current, long previous) {
        return List.of(label, String.valueOf(current), String.valueOf(previous), signed(current - previous));
    }

    private static Grid hazards(String first, List<HazardLine> lines, String before) {
        return new Grid(List.of(first, "通知", "按期整改", "逾期整改", "尚未整改", "按期整改率", before + "通知", before + "按期整改率"),
                lines.stream().map(l -> List.of(l.label(), String.valueOf(l.current().notified()), String.valueOf(l.current().onTime()),
                        String.valueOf(l.current().late()), String.valueOf(l.current().open()), percent(l.current().onTimePercent()),
                        String.valueOf(l.previous().notified()), percent(l.previous().onTimePercent()))).toList());
    }

    private static Chart chart(String title, List<String> years, List<Figure> figures) {
        return new Chart(title, years, figures.stream().map(Figure::label).toList(), List.of(
                figures.stream().map(f -> (Double) (double) f.current()).toList(), figures.stream().map(f -> (Double) (double) f.previous()).toList()), "");
    }

    private static Chart hazardChart(String title, List<String> years, List<HazardLine> lines) {
        return new Chart(title, years, lines.stream().map(HazardLine::label).toList(), List.of(
                lines.stream().map(l -> (Double) (double) l.current().notified()).toList(),
                lines.stream().map(l -> (Double) (double) l.previous().notified()).toList()), "");
    }

    private static List<String> major(MajorIncident i) {
        return List.of("SJ-" + i.id(), i.title(), i.gradeLabel(), TIME.format(i.confirmedAt()), i.responsible(), i.platform() ? "云平台" : "云上信息系统");
    }

    private static List<String> certification(Certification c) {
        return List.of(c.label(), c.reportNumber(), c.agency(), c.issueDate().toString(), c.validUntil().toString(), c.conclusion(),
                c.filingDue() == null ? "—" : c.filingDue().toString(), c.filingLabel());
    }

    static String signed(long delta) {
        return delta > 0 ? "+" + delta : String.valueOf(delta);
    }

    static String percent(BigDecimal p) {
        return AnnualReportSummary.percent(p);
    }

    static String rate(BigDecimal p, long numerator, long denominator) {
        return p == null ? "—（无应统计对象）" : p.toPlainString() + "%（" + numerator + "/" + denominator + "）";
    }

    static String points(BigDecimal delta) {
        if (delta == null) {
            return "—";
        }
        return (delta.signum() > 0 ? "+" : "") + delta.toPlainString() + "个百分点";
    }

    private static BigDecimal diff(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.subtract(b);
    }

    static String day(LocalDate d) {
        return AnnualReportSummary.day(d);
    }
}
