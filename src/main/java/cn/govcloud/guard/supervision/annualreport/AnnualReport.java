package cn.govcloud.guard.supervision.annualreport;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * 政务云安全运行年度报告 (A12, A14): one year's figures of the city's government cloud, each with the previous year's
 * beside it — the whole previous year for a closed year, the same part of it (上年同期) for the year in progress.
 * Everything here is computed from the registers when asked; nothing is stored.
 *
 * @param periodEnd     the last day counted (31 December, or today for the year in progress)
 * @param previousLabel 上年 or 上年同期, as the tables head the previous year's column
 */
public record AnnualReport(int year, boolean inProgress, LocalDate periodStart, LocalDate periodEnd, int previousYear,
                           LocalDate previousPeriodEnd, String previousLabel, Instant generatedAt, List<String> summary,
                           Systems systems, List<AssessmentCoverage> assessments, Hazards hazards, Incidents incidents,
                           List<Figure> drills, List<Figure> channels, List<Figure> visits, Certifications certifications) {

    /** A count this year and in the previous year, and the change. */
    @Schema(name = "AnnualFigure")
    public record Figure(String key, String label, long current, long previous, long delta) {
        public static Figure of(String key, String label, long current, long previous) {
            return new Figure(key, label, current, previous, current - previous);
        }
    }

    /**
     * A rate: numerator ÷ denominator this year and in the previous year, in percent with one decimal (null when nothing
     * was counted), and the change in percentage points (null unless both years have a rate).
     */
    @Schema(name = "AnnualRate")
    public record Rate(String key, String label, long numerator, long denominator, BigDecimal percent, long previousNumerator,
                       long previousDenominator, BigDecimal previousPercent, BigDecimal deltaPoints) {
        public static Rate of(String key, String label, long numerator, long denominator, long previousNumerator, long previousDenominator) {
            BigDecimal now = AnnualReport.percent(numerator, denominator);
            BigDecimal before = AnnualReport.percent(previousNumerator, previousDenominator);
            return new Rate(key, label, numerator, denominator, now, previousNumerator, previousDenominator, before,
                    now == null || before == null ? null : now.subtract(before));
        }
    }

    static BigDecimal percent(long numerator, long denominator) {
        return denominator == 0 ? null : BigDecimal.valueOf(numerator * 100L).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
    }

    /** Systems on the platform at the end of the period by protection level (and in total), admitted and exited in it. */
    @Schema(name = "AnnualSystems")
    public record Systems(List<Figure> byLevel, Figure total, Figure admitted, Figure exited) {
    }

    /**
     * 等保测评 or 密评 (A7.2): {@code coverage} the systems holding a current assessment ÷ the systems on the platform that owe
     * one; {@code passRate} the systems whose latest assessment of the year passed ÷ the systems assessed in the year.
     */
    @Schema(name = "AnnualAssessmentCoverage")
    public record AssessmentCoverage(String kind, String label, Rate coverage, Rate passRate) {
    }

    /**
     * Hazards notified in the period (A10.2) and where they stand now: rectified on time, rectified late, not yet rectified
     * (of which past due); the on-time rate and the rectified rate, with the previous year's.
     */
    @Schema(name = "AnnualTally")
    public record Tally(long notified, long onTime, long late, long open, long openOverdue, BigDecimal onTimePercent, BigDecimal rectifiedPercent) {
        static Tally of(long notified, long onTime, long late, long open, long openOverdue) {
            return new Tally(notified, onTime, late, open, openOverdue, percent(onTime, notified), percent(onTime + late, notified));
        }
    }

    /** One group of hazards (a source, a severity, a unit, or all of them) in both years. */
    @Schema(name = "AnnualHazardLine")
    public record HazardLine(String key, String label, Tally current, Tally previous, long deltaNotified, BigDecimal deltaOnTimePoints) {
        static HazardLine of(String key, String label, Tally current, Tally previous) {
            return new HazardLine(key, label, current, previous, current.notified() - previous.notified(),
                    current.onTimePercent() == null || previous.onTimePercent() == null ? null
                            : current.onTimePercent().subtract(previous.onTimePercent()));
        }
    }

    @Schema(name = "AnnualHazards")
    public record Hazards(HazardLine total, List<HazardLine> bySource, List<HazardLine> bySeverity, List<HazardLine> byUnit) {
    }

    /** Incidents confirmed in the period by grade (and in total), how they were reported, and those of grade III and above. */
    @Schema(name = "AnnualIncidents")
    public record Incidents(List<Figure> byGrade, Figure total, List<Figure> reporting, List<MajorIncident> major) {
    }

    /** An incident of grade III or above (A10.4, A10.5): of the platform itself or of a hosted system. */
    @Schema(name = "AnnualMajorIncident")
    public record MajorIncident(long id, String title, String grade, String gradeLabel, Instant confirmedAt, String responsible,
                                boolean platform, String status) {
    }

    /** The provider's certification reports (A5.2): issued in the year per kind, each one with its filing, those in force at the end. */
    @Schema(name = "AnnualCertifications")
    public record Certifications(List<Figure> issuedByKind, List<Certification> issued, List<Certification> inForce) {
    }

    /** {@code filingLabel} in Chinese: 按期报送, 逾期报送, 待报送, 逾期未报送, 已豁免, 无报送记录. */
    @Schema(name = "AnnualCertification")
    public record Certification(String kind, String label, String provider, String reportNumber, String agency, LocalDate issueDate,
                                LocalDate validUntil, String conclusion, LocalDate filingDue, String filing, String filingLabel) {
    }

    public String title() {
        return title(year);
    }

    static String title(int year) {
        return year + "年度政务云安全运行报告";
    }
}
