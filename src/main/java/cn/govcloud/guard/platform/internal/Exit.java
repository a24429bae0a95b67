package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.shared.RuleViolation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A5.6: the provider's exit. Requested (OPEN) → accepted or objected by the competent department (an objection may
 * turn into acceptance, an acceptance is final) → the service ends on the end date → the data-clearance report
 * closes it (CLEARED). The guards refuse any other step naming A5.6.
 */
public record Exit(long id, long providerOrgId, Instant filedAt, String filedBy, LocalDate endDate, String reason, String contact,
                   String state, LocalDate clearedOn, String clearanceScope, String clearanceMethod, String verifiedBy,
                   Instant clearanceFiledAt, boolean overdue, List<Task> tasks, Decision decision) {

    public static final int NOTICE_DAYS = 90;

    public enum TaskState { PLANNED, IN_PROGRESS, MIGRATED, DATA_VERIFIED }

    /** One hosted system's migration under the exit. */
    public record Task(long id, long exitId, long systemId, long orgId, String systemName, TaskState state, String target, String note,
                       Instant updatedAt, String updatedBy) {
    }

    /** The competent department's decision on the application (issue 17 point 14): ACCEPTED or OBJECTED, with a reason. */
    public record Decision(String decision, String reason, String decidedBy, Instant decidedAt) {
        boolean accepted() {
            return "ACCEPTED".equals(decision);
        }
    }

    public long migrated() {
        return tasks.stream().filter(t -> t.state() == TaskState.MIGRATED || t.state() == TaskState.DATA_VERIFIED).count();
    }

    public boolean open() {
        return "OPEN".equals(state);
    }

    /** Whether the department may still decide: open, and not accepted yet. */
    public boolean decidable() {
        return open() && (decision == null || !decision.accepted());
    }

    /** The earliest end of service an application filed on {@code today} may name (A5.6: 提前90天向主管部门提交申请). */
    static LocalDate earliestEnd(LocalDate today) {
        return today.plusDays(NOTICE_DAYS);
    }

    static void requireNotice(LocalDate endDate, LocalDate today) {
        if (endDate.isBefore(earliestEnd(today))) {
            throw new RuleViolation("A5.6", "platform.exit.error.notice");
        }
    }

    void requireOpen() {
        if (!open()) {
            throw new RuleViolation("A5.6", "platform.exit.error.closed");
        }
    }

    /** Requested or objected → decided. */
    void requireDecidable() {
        requireOpen();
        if (decision != null && decision.accepted()) {
            throw new RuleViolation("A5.6", "platform.exit.decision.error.decided");
        }
    }

    /** The data-clearance report comes after the end of service. */
    void requireEnded(LocalDate today) {
        if (today.isBefore(endDate)) {
            throw new RuleViolation("A5.6", "platform.exit.error.notEnded");
        }
    }
}
