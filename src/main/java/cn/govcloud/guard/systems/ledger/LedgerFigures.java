package cn.govcloud.guard.systems.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The assessment ledger's figures for the annual report to the municipal government (A7.2, A12, A14): how many of the
 * systems on the platform owe each assessment and hold a current one, and what the year's assessments concluded.
 * Counted in SQL; the cadences are the catalog's (as the ledger's own due dates). Unscoped: the caller checks who sees them.
 */
public interface LedgerFigures {

    /**
     * One kind (MLPS, CRYPTO, PENETRATION_TEST, RISK_ASSESSMENT; {@code label} its Chinese name): of the systems on the
     * platform at {@code at}, {@code owing} those whose protection level owes it, {@code current} those of them whose latest
     * filing dated on or before that day is not yet overdue (its next due date, after the cadence, not before the day).
     */
    record Coverage(String kind, String label, long owing, long current) {
    }

    /** Each kind, in the ledger's order, for the systems on the platform at {@code at} (Asia/Shanghai for the day). */
    List<Coverage> coverage(Instant at);

    /** Systems whose latest filing of {@code kind} dated in {@code [from, to]} states {@code conclusion} (null: none stated). */
    record Result(String kind, String label, String conclusion, long systems) {
    }

    /** Per kind and conclusion, only pairs that occur. */
    List<Result> results(LocalDate from, LocalDate to);
}
