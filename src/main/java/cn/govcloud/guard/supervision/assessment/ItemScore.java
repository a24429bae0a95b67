package cn.govcloud.guard.supervision.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/**
 * One item of one unit's annual assessment (A12), with what it was computed from.
 *
 * @param kind        DUTIES, HAZARDS, INCIDENTS or ADMISSION
 * @param numerator   done on time / closed on time / compliant systems; for incidents the number of incidents
 * @param denominator fallen due / systems counted; for incidents 0
 * @param deduction   points deducted (incidents), 0 otherwise
 * @param detail      for incidents the count per grade, e.g. {@code III×1, IV×2}; empty otherwise
 * @param empty       nothing was due (full marks, "无应履行事项"); for incidents: no incident
 * @param overridden  what a district overlay changed (weight, deductions.III …)
 */
public record ItemScore(String itemId, String kind, String title, String titleEn, int weight, long numerator, long denominator,
                        BigDecimal deduction, BigDecimal score, String detail, boolean empty, Set<String> overridden) {

    public ItemScore {
        overridden = Set.copyOf(overridden);
    }

    public boolean incidents() {
        return "INCIDENTS".equals(kind);
    }

    /** The rate in percent with one decimal, or null when nothing was due. */
    public BigDecimal ratePercent() {
        if (incidents() || denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator * 100L).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
    }

    /** The formula as text in Chinese (stored with a finalised year and printed in the report). */
    public String formula() {
        if (incidents()) {
            return empty ? "无安全事件，得满分 " + weight + " 分"
                    : weight + " − min(" + weight + ", " + detail + " 扣 " + deduction.toPlainString() + ") = " + score.toPlainString() + " 分";
        }
        if (empty) {
            return "无应履行事项，得满分 " + weight + " 分";
        }
        return numerator + " ÷ " + denominator + " = " + ratePercent().toPlainString() + "%，× " + weight + " 分 = " + score.toPlainString() + " 分";
    }
}
