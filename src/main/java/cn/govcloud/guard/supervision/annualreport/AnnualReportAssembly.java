package cn.govcloud.guard.supervision.annualreport;

import cn.govcloud.guard.hazards.HazardYearFigures.Group;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.incidents.IncidentFigures.DrillCoverage;
import cn.govcloud.guard.incidents.IncidentOutcomes;
import cn.govcloud.guard.platform.CertificationFigures;
import cn.govcloud.guard.supervision.annualreport.AnnualFigures.Raw;
import cn.govcloud.guard.supervision.annualreport.AnnualReport.AssessmentCoverage;
import cn.govcloud.guard.supervision.annualreport.AnnualReport.Certification;
import cn.govcloud.guard.supervision.annualreport.AnnualReport.Figure;
import cn.govcloud.guard.supervision.annualreport.AnnualReport.HazardLine;
import cn.govcloud.guard.supervision.annualreport.AnnualReport.MajorIncident;
import cn.govcloud.guard.supervision.annualreport.AnnualReport.Rate;
import cn.govcloud.guard.supervision.annualreport.AnnualReport.Tally;
import cn.govcloud.guard.systems.ledger.LedgerFigures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Sets a year's figures beside the previous year's ({@link AnnualReport}): every group that occurs in either year gets a
 * line, so a category that disappeared shows its drop to zero. Labels are Chinese whatever the reader's language: the
 * report is an official document (公文) to the municipal government.
 */
@Component
class AnnualReportAssembly {
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    static final List<String> GRADES = List.of("I", "II", "III", "IV");
    static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW");
    static final List<String> SOURCES = List.of("MANUAL", "ALERT", "FINDING", "INSPECTION", "DRILL", "RED_TEAM");
    /** The assessments the report weighs (A7.2): 等保测评 and 商用密码应用安全性评估. */
    static final List<String> ASSESSMENTS = List.of("MLPS", "CRYPTO");
    static final List<String> CERTIFICATIONS = List.of("CLOUD_ASSESSMENT", "MLPS", "CRYPTO");
    static final Map<String, String> FILING = Map.of("ON_TIME", "按期报送", "LATE", "逾期报送", "OPEN", "待报送", "OVERDUE", "逾期未报送",
            "WAIVED", "已豁免", "NONE", "无报送记录");

    private final MessageSource messages;
    private final AnnualReportSettings settings;

    AnnualReportAssembly(MessageSource messages, AnnualReportSettings settings) {
        this.messages = messages;
        this.settings = settings;
    }

    AnnualReport assemble(Raw now, Raw before, List<CertificationFigures.Report> inForce, List<IncidentOutcomes.Outcome> major,
                          List<OrganisationView> orgs, Instant generatedAt) {
        Map<Long, String> names = new HashMap<>();
        orgs.forEach(o -> names.put(o.id(), o.name()));
        ReportPeriod p = now.period();
        AnnualReport.Systems systems = systems(now, before);
        List<AssessmentCoverage> assessments = assessments(now, before);
        AnnualReport.Hazards hazards = hazards(now, before, names);
        AnnualReport.Incidents incidents = incidents(now, before, major, names);
        List<Figure> drills = drills(now, before);
        AnnualReport partial = new AnnualReport(p.year(), p.inProgress(), p.firstDay(), p.lastDay(), before.period().year(),
                before.period().lastDay(), p.inProgress() ? "上年同期" : "上年", generatedAt, List.of(), systems, assessments, hazards,
                incidents, drills, channels(now, before), visits(now, before), certifications(now, before, inForce, names));
        return new AnnualReport(partial.year(), partial.inProgress(), partial.periodStart(), partial.periodEnd(), partial.previousYear(),
                partial.previousPeriodEnd(), partial.previousLabel(), generatedAt, AnnualReportSummary.of(partial), systems, assessments,
                hazards, incidents, drills, partial.channels(), partial.visits(), partial.certifications());
    }

    private AnnualReport.Systems systems(Raw now, Raw before) {
        List<Figure> levels = new ArrayList<>();
        for (int level = 1; level <= 5; level++) {
            int l = level;
            levels.add(Figure.of("level-" + level, "第" + "一二三四五".charAt(level - 1) + "级", sum(now.census(), c -> c.mlpsLevel() == l ? c.onPlatform() : 0),
                    sum(before.census(), c -> c.mlpsLevel() == l ? c.onPlatform() : 0)));
        }
        return new AnnualReport.Systems(levels,
                Figure.of("total", "合计", sum(now.census(), c -> c.onPlatform()), sum(before.census(), c -> c.onPlatform())),
                Figure.of("admitted", "本期新准入上云", sum(now.census(), c -> c.admitted()), sum(before.census(), c -> c.admitted())),
                Figure.of("exited", "本期退出", sum(now.census(), c -> c.exited()), sum(before.census(), c -> c.exited())));
    }

    private List<AssessmentCoverage> assessments(Raw now, Raw before) {
        List<AssessmentCoverage> out = new ArrayList<>();
        for (String kind : ASSESSMENTS) {
            LedgerFigures.Coverage c = coverage(now, kind);
            LedgerFigures.Coverage b = coverage(before, kind);
            String label = c == null ? kind : c.label();
            out.add(new AssessmentCoverage(kind, label,
                    Rate.of(kind + "-coverage", label + "覆盖率", c == null ? 0 : c.current(), c == null ? 0 : c.owing(),
                            b == null ? 0 : b.current(), b == null ? 0 : b.owing()),
                    Rate.of(kind + "-pass", label + "通过率", passed(now, kind), assessed(now, kind), passed(before, kind), assessed(before, kind))));
        }
        return out;
    }

    private static LedgerFigures.Coverage coverage(Raw raw, String kind) {
        return raw.coverage().stream().filter(c -> c.kind().equals(kind)).findFirst().orElse(null);
    }

    private static long assessed(Raw raw, String kind) {
        return sum(raw.results(), r -> r.kind().equals(kind) ? r.systems() : 0);
    }

    private long passed(Raw raw, String kind) {
        return sum(raw.results(), r -> r.kind().equals(kind) && r.conclusion() != null && !r.conclusion().isBlank()
                && !settings.failingConclusions().contains(r.conclusion().strip()) ? r.systems() : 0);
    }

    private AnnualReport.Hazards hazards(Raw now, Raw before, Map<Long, String> names) {
        HazardLine total = HazardLine.of("total", "合计", tally(now.hazards(), g -> true), tally(before.hazards(), g -> true));
        List<HazardLine> bySource = lines(now, before, SOURCES, Group::source, k -> text("hazards.source." + k));
        List<HazardLine> bySeverity = lines(now, before, SEVERITIES, Group::severity, k -> text("hazards.severity." + k));
        List<HazardLine> byUnit = new ArrayList<>(lines(now, before, List.of(), g -> String.valueOf(g.orgId()),
                k -> names.getOrDefault(Long.valueOf(k), "单位 " + k)));
        byUnit.sort(Comparator.comparingLong((HazardLine l) -> -l.current().notified()).thenComparing(HazardLine::label));
        return new AnnualReport.Hazards(total, bySource, bySeverity, byUnit);
    }

    /** One line per key, the known keys first (each even when zero), then any other key either year has. */
    private static List<HazardLine> lines(Raw now, Raw before, List<String> known, Function<Group, String> key, Function<String, String> label) {
        Set<String> keys = new LinkedHashSet<>(known);
        now.hazards().forEach(g -> keys.add(key.apply(g)));
        before.hazards().forEach(g -> keys.add(key.apply(g)));
        List<HazardLine> lines = new ArrayList<>();
        for (String k : keys) {
            lines.add(HazardLine.of(k, label.apply(k), tally(now.hazards(), g -> key.apply(g).equals(k)),
                    tally(before.hazards(), g -> key.apply(g).equals(k))));
        }
        return lines;
    }

    private static Tally tally(List<Group> groups, java.util.function.Predicate<Group> which) {
        long notified = 0;
        long onTime = 0;
        long late = 0;
        long open = 0;
        long overdue = 0;
        for (Group g : groups) {
            if (which.test(g)) {
                notified += g.notified();
                onTime += g.onTime();
                late += g.late();
                open += g.open();
                overdue += g.openOverdue();
            }
        }
        return Tally.of(notified, onTime, late, open, overdue);
    }

    private AnnualReport.Incidents incidents(Raw now, Raw before, List<IncidentOutcomes.Outcome> major, Map<Long, String> names) {
        List<Figure> byGrade = new ArrayList<>();
        for (String grade : GRADES) {
            byGrade.add(Figure.of(grade, text("incidents.grade." + grade), sum(now.incidents(), t -> t.grade().equals(grade) ? t.count() : 0),
                    sum(before.incidents(), t -> t.grade().equals(grade) ? t.count() : 0)));
        }
        Figure total = Figure.of("total", "合计", sum(now.incidents(), IncidentOutcomes.Tally::count), sum(before.incidents(), IncidentOutcomes.Tally::count));
        List<Figure> reporting = List.of(
                Figure.of("late", "迟报（确认后30分钟内未报告）", sum(now.reporting(), IncidentOutcomes.Reporting::late), sum(before.reporting(), IncidentOutcomes.Reporting::late)),
                Figure.of("missing", "漏报（应报未报）", sum(now.reporting(), IncidentOutcomes.Reporting::missing), sum(before.reporting(), IncidentOutcomes.Reporting::missing)),
                Figure.of("concealed", "瞒报（定级低于事实）", sum(now.reporting(), IncidentOutcomes.Reporting::concealed),
                        sum(before.reporting(), IncidentOutcomes.Reporting::concealed)));
        List<MajorIncident> majors = major.stream().map(i -> new MajorIncident(i.id(), i.title(), i.grade(), text("incidents.grade." + i.grade()),
                i.confirmedAt(), names.getOrDefault(i.orgId(), "单位 " + i.orgId()), i.systemId() == null, i.status())).toList();
        return new AnnualReport.Incidents(byGrade, total, reporting, majors);
    }

    private static List<Figure> drills(Raw now, Raw before) {
        return List.of(
                Figure.of("held", "开展应急演练", now.drills().drills(), before.drills().drills()),
                Figure.of("comprehensive", "综合应急演练（四类场景齐全）", now.drills().comprehensive(), before.drills().comprehensive()),
                Figure.of("firstHalf", "上半年综合应急演练", now.firstHalf().comprehensive(), before.firstHalf().comprehensive()),
                Figure.of("secondHalf", "下半年综合应急演练", now.secondHalf().comprehensive(), before.secondHalf().comprehensive()),
                scenario("networkAttack", "涵盖网络攻击场景", DrillCoverage::networkAttack, now, before),
                scenario("dataLeak", "涵盖数据泄露场景", DrillCoverage::dataLeak, now, before),
                scenario("systemFailure", "涵盖系统故障场景", DrillCoverage::systemFailure, now, before),
                scenario("drSwitchover", "涵盖灾备切换场景", DrillCoverage::drSwitchover, now, before));
    }

    private static Figure scenario(String key, String label, ToLongFunction<DrillCoverage> f, Raw now, Raw before) {
        return Figure.of(key, label, f.applyAsLong(now.drills()), f.applyAsLong(before.drills()));
    }

    private static List<Figure> channels(Raw now, Raw before) {
        var n = now.channels();
        var b = before.channels();
        return List.of(
                Figure.of("requested", "申请远程运维通道", n.requested(), b.requested()),
                Figure.of("forSystems", "其中：云上信息系统", n.forSystems(), b.forSystems()),
                Figure.of("forPlatform", "其中：云平台自身（第五条第三项）", n.forPlatform(), b.forPlatform()),
                Figure.of("longTerm", "长期通道（经网络安全主管部门同意）", n.longTerm(), b.longTerm()),
                Figure.of("opened", "已开通", n.opened(), b.opened()),
                Figure.of("used", "已使用（一次一用、单次有效）", n.used(), b.used()),
                Figure.of("refused", "不予开通", n.refused(), b.refused()));
    }

    private static List<Figure> visits(Raw now, Raw before) {
        var n = now.visits();
        var b = before.visits();
        return List.of(
                Figure.of("authorised", "授权进入机房实地操作", n.authorised(), b.authorised()),
                Figure.of("signedIn", "实际进场（全程陪同旁站）", n.signedIn(), b.signedIn()),
                Figure.of("cancelled", "取消", n.cancelled(), b.cancelled()),
                Figure.of("visitors", "实名登记人员（人次）", n.visitors(), b.visitors()));
    }

    private AnnualReport.Certifications certifications(Raw now, Raw before, List<CertificationFigures.Report> inForce, Map<Long, String> names) {
        List<Figure> byKind = new ArrayList<>();
        for (String kind : CERTIFICATIONS) {
            byKind.add(Figure.of(kind, text("platform.cert.kind." + kind), now.certifications().stream().filter(r -> r.kind().equals(kind)).count(),
                    before.certifications().stream().filter(r -> r.kind().equals(kind)).count()));
        }
        return new AnnualReport.Certifications(byKind, now.certifications().stream().map(r -> certification(r, names)).toList(),
                inForce.stream().map(r -> certification(r, names)).toList());
    }

    private Certification certification(CertificationFigures.Report r, Map<Long, String> names) {
        return new Certification(r.kind(), text("platform.cert.kind." + r.kind()), names.getOrDefault(r.providerOrgId(), "云服务商 " + r.providerOrgId()),
                r.reportNumber(), r.agency(), r.issueDate(), r.validUntil(), r.conclusion(), r.filingDue(), r.filing(),
                FILING.getOrDefault(r.filing(), r.filing()));
    }

    private static <T> long sum(List<T> rows, ToLongFunction<T> f) {
        long total = 0;
        for (T row : rows) {
            total += f.applyAsLong(row);
        }
        return total;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }
}
