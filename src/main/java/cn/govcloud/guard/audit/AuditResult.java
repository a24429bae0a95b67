package cn.govcloud.guard.audit;

/** How an audited action ended. */
public enum AuditResult {
    SUCCESS,
    /** Tried and failed: bad input, a rule refused it, a wrong password. */
    FAILURE,
    /** Refused for want of authority: 401 or 403. */
    DENIED
}
