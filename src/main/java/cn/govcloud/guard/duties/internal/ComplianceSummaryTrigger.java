package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.shared.CounterTrigger;
import java.util.List;

/**
 * H2's half of the compliance matrix's counts by status (issue 19 point 3; A13): a row trigger on
 * {@code duties_matrix_cell} that moves a listed cell from the summary row of its old description to that of its new one,
 * in the writing transaction (db/vendor/h2; {@link CounterTrigger} nets and upserts). PostgreSQL does the same with one
 * statement-level trigger (db/vendor/postgresql, V2026_12_12_0604); {@link ComplianceTally#SUMMARY_COUNTED} is the count
 * from scratch both are checked against.
 */
public class ComplianceSummaryTrigger extends CounterTrigger {

    public ComplianceSummaryTrigger() {
        super("duties_matrix_summary", List.of("subject_kind", "rule_id", "org_id", "responsible_org", "cls", "recurring", "closed_due"),
                List.of("n"), List.of());
    }

    @Override
    protected Contribution contribution(Object[] row) {
        if (!Boolean.TRUE.equals(value(row, "listed"))) {
            return null;
        }
        Object fixed = value(row, "fixed_status");
        Object closed = value(row, "closed_due");
        String cls;
        if (fixed != null) {
            cls = (String) fixed;
        } else if (((Number) value(row, "overdue_n")).intValue() > 0) {
            cls = "OVERDUE";
        } else if (((Number) value(row, "pending_n")).intValue() > 0) {
            cls = "PENDING";
        } else {
            cls = closed != null ? "CLOSED" : "NONE";
        }
        Object responsible = value(row, "responsible_org");
        return new Contribution(List.of(value(row, "subject_kind"), value(row, "rule_id"), ((Number) value(row, "org_id")).longValue(),
                responsible == null ? 0L : ((Number) responsible).longValue(), cls, value(row, "recurring"),
                "CLOSED".equals(cls) ? instant(closed) : ComplianceTally.NO_CLOSED_DUE), 1);
    }
}
