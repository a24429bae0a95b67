package cn.govcloud.guard.hazards.intake.parse;

/** One severity scale for scanners and sensors; INFO is a log result that is kept but never alarms. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    /** CVSS score bands (v3): 9.0+ critical, 7.0+ high, 4.0+ medium, above 0 low. */
    public static Severity ofScore(double score) {
        if (score >= 9.0) {
            return CRITICAL;
        }
        if (score >= 7.0) {
            return HIGH;
        }
        if (score >= 4.0) {
            return MEDIUM;
        }
        return score > 0 ? LOW : INFO;
    }

    /** A hazard's severity; INFO findings are raised as LOW. */
    public String hazardSeverity() {
        return this == INFO ? "LOW" : name();
    }
}
