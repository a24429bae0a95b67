package cn.govcloud.guard.platform;

import java.time.LocalDate;
import java.util.List;

/**
 * The provider's certification reports (A5.2) for the annual report to the municipal government (A12, A14): those issued
 * in a year with how their filing with the supervisor went, and those in force on a day. Unscoped: the caller checks who
 * may see them.
 */
public interface CertificationFigures {

    /**
     * One report: {@code kind} CLOUD_ASSESSMENT, MLPS or CRYPTO; {@code filing} how its filing duty (15 working days after
     * the issue date) stands: ON_TIME, LATE (filed after being overdue), OPEN (not yet filed, not yet due), OVERDUE (not
     * filed, past due), WAIVED, or NONE (no filing duty recorded); {@code filingDue} that duty's due date.
     */
    record Report(long providerOrgId, String kind, String reportNumber, String agency, LocalDate issueDate, LocalDate validUntil,
                  String conclusion, LocalDate filingDue, String filing) {
    }

    /** Reports issued in {@code [from, to]}, by issue date. */
    List<Report> issued(LocalDate from, LocalDate to);

    /** Of each provider and kind, the latest report issued on or before {@code day} that is still valid on it. */
    List<Report> inForce(LocalDate day);
}
