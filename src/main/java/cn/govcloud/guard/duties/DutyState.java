package cn.govcloud.guard.duties;

/**
 * A duty's life: OPEN until evidence is submitted; SUBMITTED until the reviewer ACCEPTS or
 * RETURNS it (a returned duty keeps its original due time); OVERDUE when the due time passes
 * while it is OPEN or RETURNED (it can still be submitted late); WAIVED by the supervisor with a reason.
 */
public enum DutyState {
    OPEN, SUBMITTED, ACCEPTED, RETURNED, OVERDUE, WAIVED;

    /** Still waiting for the responsible party to act. */
    public boolean awaitsSubmission() {
        return this == OPEN || this == RETURNED || this == OVERDUE;
    }

    public boolean closed() {
        return this == ACCEPTED || this == WAIVED;
    }
}
