package cn.govcloud.guard.supervision.annualreport;

import cn.govcloud.guard.supervision.annualreport.AnnualReport.AssessmentCoverage;
import cn.govcloud.guard.supervision.annualreport.AnnualReport.Figure;
import cn.govcloud.guard.supervision.annualreport.AnnualReport.Rate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The report's opening paragraphs (总体情况): the headline figures in sentences, each with the previous year's. */
final class AnnualReportSummary {
    private AnnualReportSummary() {
    }

    static List<String> of(AnnualReport r) {
        String before = r.previousLabel();
        List<String> out = new ArrayList<>();
        out.add("本报告统计期为" + day(r.periodStart()) + "至" + day(r.periodEnd()) + (r.inProgress() ? "（年度尚未结束，与上年同期比较）" : "")
                + "，依据《包头市政务云安全管理办法》（包府办发〔2025〕77号）第十二条、第十四条，由政务云安全管理平台根据各项登记记录统计生成。");
        long major = r.systems().byLevel().stream().filter(f -> f.key().compareTo("level-3") >= 0).mapToLong(Figure::current).sum();
        out.add("截至" + day(r.periodEnd()) + "，政务云平台承载云上政务信息系统" + r.systems().total().current() + "个（" + before
                + r.systems().total().previous() + "个），其中第三级及以上" + major + "个；本期新准入上云" + r.systems().admitted().current()
                + "个，退出" + r.systems().exited().current() + "个。");
        StringBuilder assessments = new StringBuilder();
        for (AssessmentCoverage a : r.assessments()) {
            assessments.append(assessments.isEmpty() ? "" : "；").append(a.label()).append("覆盖率").append(rate(a.coverage(), before))
                    .append("，本期测评").append(a.passRate().denominator()).append("个系统、通过率").append(rate(a.passRate(), before));
        }
        out.add(assessments + "。");
        var h = r.hazards().total();
        out.add("本期通知风险隐患" + h.current().notified() + "项（" + before + h.previous().notified() + "项），按期整改" + h.current().onTime()
                + "项、逾期整改" + h.current().late() + "项、尚未整改" + h.current().open() + "项（其中已逾期" + h.current().openOverdue()
                + "项），按期整改率" + percent(h.current().onTimePercent()) + "（" + before + percent(h.previous().onTimePercent()) + "）。");
        long majorIncidents = r.incidents().byGrade().stream().filter(f -> !f.key().equals("IV")).mapToLong(Figure::current).sum();
        out.add("发生网络安全事件" + r.incidents().total().current() + "起（" + before + r.incidents().total().previous() + "起），其中Ⅲ级（较大）及以上"
                + majorIncidents + "起。");
        out.add("云服务商开展应急演练" + figure(r.drills(), "held") + "次，其中综合应急演练" + figure(r.drills(), "comprehensive") + "次（上半年"
                + figure(r.drills(), "firstHalf") + "次、下半年" + figure(r.drills(), "secondHalf") + "次）；受理远程运维通道申请"
                + figure(r.channels(), "requested") + "个，授权进入机房实地操作" + figure(r.visits(), "authorised") + "次。");
        out.add("云服务商本期出具安全评估、测评报告" + r.certifications().issued().size() + "份，期末有效报告" + r.certifications().inForce().size() + "份。");
        return out;
    }

    static String rate(Rate rate, String before) {
        return percent(rate.percent()) + "（" + before + percent(rate.previousPercent()) + "）";
    }

    static String percent(BigDecimal p) {
        return p == null ? "—" : p.toPlainString() + "%";
    }

    static String day(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    private static long figure(List<Figure> figures, String key) {
        return figures.stream().filter(f -> f.key().equals(key)).mapToLong(Figure::current).findFirst().orElse(0);
    }
}
