package cn.govcloud.guard.incidents.internal;

import cn.govcloud.guard.incidents.Incidents.Criteria;
import java.math.BigDecimal;
import java.util.List;

/**
 * Grades I 特别重大, II 重大, III 较大, IV 一般 and the thresholds the form suggests a grade from —
 * the only place they are set (the page's script reads them from here, through data attributes).
 *
 * <p>Source: the grades are those of 《国家网络安全事件应急预案》 (2017), whose criteria are
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

    public static final List<Threshold> THRESHOLDS = List.of(
            new Threshold("portalOutageHours", null, new BigDecimal("24"), new BigDecimal("6")),
            new Threshold("criticalOutageHours", new BigDecimal("6"), new BigDecimal("2"), new BigDecimal("0.5")),
            new Threshold("peopleAffected", new BigDecimal("10000000"), new BigDecimal("1000000"), new BigDecimal("100000")),
            new Threshold("recordsLeaked", new BigDecimal("100000000"), new BigDecimal("10000000"), new BigDecimal("1000000")),
            new Threshold("directLossWan", new BigDecimal("10000"), new BigDecimal("2000"), new BigDecimal("500")));

    /** Data affected: CORE suggests I, IMPORTANT II (our setting, see above); GENERAL and NONE nothing. */
    public static final List<String> DATA_LEVELS = List.of("NONE", "GENERAL", "IMPORTANT", "CORE");

    public static String suggest(Criteria c) {
        String best = "IV";
        best = higher(best, THRESHOLDS.get(0).grade(c.portalOutageHours()));
        best = higher(best, THRESHOLDS.get(1).grade(c.criticalOutageHours()));
        best = higher(best, THRESHOLDS.get(2).grade(c.peopleAffected() == null ? null : BigDecimal.valueOf(c.peopleAffected())));
        best = higher(best, THRESHOLDS.get(3).grade(c.recordsLeaked() == null ? null : BigDecimal.valueOf(c.recordsLeaked())));
        best = higher(best, THRESHOLDS.get(4).grade(c.directLossWan()));
        if ("CORE".equals(c.dataAffected())) {
            best = higher(best, "I");
        } else if ("IMPORTANT".equals(c.dataAffected())) {
            best = higher(best, "II");
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
