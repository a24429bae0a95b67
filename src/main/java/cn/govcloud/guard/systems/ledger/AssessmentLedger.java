package cn.govcloud.guard.systems.ledger;

import java.time.LocalDate;
import java.util.List;

/** What the supervisor's monthly scheduling (A11.3) reads of the assessment ledger (A7.2). Unscoped: the caller checks who sees it. */
public interface AssessmentLedger {

    /**
     * One assessment a system owes: {@code kind} MLPS, CRYPTO, PENETRATION_TEST or RISK_ASSESSMENT, {@code kindLabel} its
     * Chinese name; {@code latest} the date of the latest filing and {@code nextDue} that date plus the catalog's cadence,
     * both null when the system was never assessed of that kind (then it is owed now).
     */
    record Due(long systemId, long orgId, String systemName, int mlpsLevel, String kind, String kindLabel, LocalDate latest,
               LocalDate nextDue) {
        public boolean never() {
            return latest == null;
        }

        public boolean overdueOn(LocalDate day) {
            return nextDue == null || nextDue.isBefore(day);
        }
    }

    /** Of the systems on the platform, each assessment due on or before {@code until} (overdue and never filed included), soonest first. */
    List<Due> dueBy(LocalDate until);
}
