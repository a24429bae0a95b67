package cn.govcloud.guard.incidents.internal;

import cn.govcloud.guard.incidents.Incidents.Criteria;
import java.math.BigDecimal;
import cn.govcloud.guard.rules.RuleCatalog;
import java.util.List;
import java.util.Map;

/**
 * Grades I 特别重大, II 重大, III 较大, IV 一般 and the thresholds the form suggests a grade from — read
 * from the rule catalog's parameters {@code A10.4-grading-thresholds} and {@code A10.4-grading-data} (a
 * district overlay changes them, issue 17 point 16); the page's script reads them through data attributes.
 *
 * <p>Source of the catalog's values: the grades are those of 《国家网络安全事件应急预案》 (2017), whose criteria are
 * qualitative ("系统长时间中断", "对国家安全和社会稳定构成严重威胁"). The numbers below follow the
 * 《网络安全事件分级指南》 annexed to 《国家网络安全事件报告管理办法》 (CAC, in force 1 Nov 2025), which makes
 * those criteria measurable ("通常情况下，满足下列条件之一的，可判别为…"):
 * <ul>
 *   <li>关键信息基础设施 / critical system whole outage: I ≥ 6 h, II ≥ 2 h, III ≥ 30 min;</li>
 *   <li>people whose work and life are affected: I ≥ 10 million, II ≥ 1 million, III ≥ 100 000;</li>
 *   <li>personal information leaked (people): I ≥ 100 million, II ≥ 10 million, III ≥ 1 million;</li>
 *   <li>direct economic loss: I ≥ 1 亿元, II ≥ 2000 万元, III ≥ 500 万元.</li>
 * </ul>
 * <b>Set by us, not by the guide</b> (to be confirmed with the supervisor): the portal outage rows
 * — the guide's I-level 24 h concerns provincial portals, which a city cloud does not host, so a
 * city portal suggests II from 24 h and III from 6 h; and the data rows — the guide grades a leak
 * of core or important data by the threat it poses, a judgement, so we suggest I for core data and
 * II for important data and leave the reporter to confirm. The suggestion is the highest grade any
 * answer reaches; the reporter always confirms or changes it.
 */
public final class Grading {
    private Grading() {
    }

    public static final List<String> GRADES = List.of("I", "II", "III", "IV");

    /** One measurable criterion: the least value for I, II and III (null: this grade is not reached by it alone). */
    public record Threshold(String name, BigDecimal grade1, BigDecimal grade2, BigDecimal grade3) {
        String grade(BigDecimal value) {
            if (value == null) {
                return "IV";
            }
            if (grade1 != null && value.compareTo(grade1) >= 0) {
                return "I";
            }
            if (grade2 != null && value.compareTo(grade2) >= 0) {
                return "II";
            }
            if (grade3 != null && value.compareTo(grade3) >= 0) {
                return "III";
            }
            return "IV";
        }
    }

    /** The catalog parameters the thresholds and the data rows live in (issue 17 point 16): a district overlay changes them. */
    public static final String THRESHOLDS_PARAMETER = "A10.4-grading-thresholds";
    public static final String DATA_PARAMETER = "A10.4-grading-data";
    /** The criteria the form asks, in its order; the catalog gives each one's thresholds. */
    public static final List<String> CRITERIA = List.of("portalOutageHours", "criticalOutageHours", "peopleAffected", "recordsLeaked",
            "directLossWan");

    /** The thresholds in force (the catalog's, with the district overlay's), in the form's order. */
    public static List<Threshold> thresholds(RuleCatalog catalog) {
        Map<String, Map<String, BigDecimal>> table = catalog.parameter(THRESHOLDS_PARAMETER).thresholds();
        return CRITERIA.stream().map(name -> {
            Map<String, BigDecimal> cells = table.getOrDefault(name, Map.of());
            return new Threshold(name, cells.get("I"), cells.get("II"), cells.get("III"));
        }).toList();
    }

    /** Data affected: the catalog's suggestion per grade of data (CORE → I, IMPORTANT → II as the product ships). */
    public static final List<String> DATA_LEVELS = List.of("NONE", "GENERAL", "IMPORTANT", "CORE");

    public static String suggest(Criteria c, RuleCatalog catalog) {
        List<Threshold> t = thresholds(catalog);
        String best = "IV";
        best = higher(best, t.get(0).grade(c.portalOutageHours()));
        best = higher(best, t.get(1).grade(c.criticalOutageHours()));
        best = higher(best, t.get(2).grade(c.peopleAffected() == null ? null : BigDecimal.valueOf(c.peopleAffected())));
        best = higher(best, t.get(3).grade(c.recordsLeaked() == null ? null : BigDecimal.valueOf(c.recordsLeaked())));
        best = higher(best, t.get(4).grade(c.directLossWan()));
        String byData = c.dataAffected() == null ? null : catalog.parameter(DATA_PARAMETER).grades().get(c.dataAffected());
        if (byData != null) {
            best = higher(best, byData);
        }
        return best;
    }

    /** I is the highest. */
    public static String higher(String a, String b) {
        return GRADES.indexOf(a) <= GRADES.indexOf(b) ? a : b;
    }

    /** Grades I–III owe the 30-minute report (A10.4, A10.5); IV does not. */
    public static boolean reportable(String grade) {
        return !"IV".equals(grade);
    }
}
