package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.shared.CounterTrigger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * H2's half of the compliance matrix's tally (issue 19 point 3; A13): a row trigger on {@code duties_duty} that moves,
 * in the writing transaction, the overdue and pending counts of the (subject, rule) row of {@code duties_matrix_cell} the
 * old duty left and the new one joined, raises the row's latest closed due time by a closed new duty, and recounts that
 * time from the key's duties only where a closed duty left it (deleted, reopened, its due time or key moved) —
 * db/vendor/h2; the netting and upsert are {@link CounterTrigger}'s, a key with no row yet is inserted unlisted.
 * PostgreSQL does the same with one statement-level trigger (db/vendor/postgresql). A duty whose key, state and due time
 * did not change (a reminder count, an escalation) is skipped. A change that is not skipped also recounts the details the
 * matrix keeps in the row (next due time, newest duty and submission, latest late acceptance; V2026_12_14_0600) for the
 * keys the row left and joined ({@link ComplianceTally#recountDetails}). ComplianceTallyTests checks both databases against a
 * count from scratch ({@link ComplianceTally#COUNTED}).
 */
public class ComplianceTallyTrigger extends CounterTrigger {
    private static final Set<String> LIVE = Set.of("OPEN", "SUBMITTED", "RETURNED", "OVERDUE");

    public ComplianceTallyTrigger() {
        super("duties_matrix_cell", List.of("subject_kind", "subject_id", "rule_id"), List.of("overdue_n", "pending_n"), List.of("closed_due"));
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow != null && newRow != null && Objects.equals(key(oldRow), key(newRow))
                && Objects.equals(value(oldRow, "state"), value(newRow, "state")) && Objects.equals(value(oldRow, "due_at"), value(newRow, "due_at"))) {
            return;
        }
        super.fire(conn, oldRow, newRow);
        if (oldRow != null && !LIVE.contains((String) value(oldRow, "state"))) { // a closed duty left its key (not skipped above)
            try (PreparedStatement ps = conn.prepareStatement("update duties_matrix_cell t set closed_due = (select max(d.due_at) from duties_duty d "
                    + "where d.subject_kind = t.subject_kind and d.subject_id = t.subject_id and d.rule_id = t.rule_id and d.state not in "
                    + ComplianceTally.LIVE + ") where t.subject_kind = ? and t.subject_id = ? and t.rule_id = ?")) {
                List<Object> k = key(oldRow);
                for (int i = 0; i < k.size(); i++) {
                    ps.setObject(i + 1, k.get(i));
                }
                ps.executeUpdate();
            }
        }
        // the kept details (next due time, newest duty and submission, latest late acceptance) of the keys it left and joined
        if (oldRow != null) {
            ComplianceTally.recountDetails(conn, key(oldRow));
        }
        if (newRow != null && (oldRow == null || !key(oldRow).equals(key(newRow)))) {
            ComplianceTally.recountDetails(conn, key(newRow));
        }
    }

    @Override
    protected Contribution contribution(Object[] row) {
        String state = (String) value(row, "state");
        return new Contribution(key(row), new long[] {"OVERDUE".equals(state) ? 1 : 0, LIVE.contains(state) && !"OVERDUE".equals(state) ? 1 : 0},
                new Object[] {LIVE.contains(state) ? null : value(row, "due_at")});
    }

    private List<Object> key(Object[] row) {
        return List.of(value(row, "subject_kind"), ((Number) value(row, "subject_id")).longValue(), value(row, "rule_id"));
    }
}
