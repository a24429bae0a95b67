package cn.govcloud.guard.duties.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.h2.api.Trigger;

/**
 * H2's half of the compliance matrix's tally (issue 19 point 3; A13): a row trigger on {@code duties_duty} that
 * recounts, in the writing transaction, the (subject, rule) keys the old row left and the new row joined
 * (db/vendor/h2). PostgreSQL moves the counts by the rows' contributions in one statement-level trigger
 * (db/vendor/postgresql). A row whose key, state and due time did not change (a reminder count, an escalation) is
 * skipped. The recount is {@link ComplianceTally#COUNTED} for one key; ComplianceTallyTests checks both databases
 * against a count from scratch.
 */
public class ComplianceTallyTrigger implements Trigger {
    private final Map<String, Integer> columns = new HashMap<>();

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("select lower(column_name), ordinal_position from information_schema.columns "
                + "where lower(table_schema) = lower(?) and lower(table_name) = lower(?)")) {
            ps.setString(1, schemaName);
            ps.setString(2, tableName);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getInt(2) - 1);
                }
            }
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow != null && newRow != null && Objects.equals(key(oldRow), key(newRow))
                && Objects.equals(value(oldRow, "state"), value(newRow, "state")) && Objects.equals(value(oldRow, "due_at"), value(newRow, "due_at"))) {
            return;
        }
        Set<Key> keys = new LinkedHashSet<>();
        if (oldRow != null) {
            keys.add(key(oldRow));
        }
        if (newRow != null) {
            keys.add(key(newRow));
        }
        for (Key k : keys) {
            recount(conn, k);
        }
    }

    private static void recount(Connection conn, Key k) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("merge into duties_matrix_tally t using (" + ComplianceTally.COUNTED_ONE
                + ") d on (t.subject_kind = d.subject_kind and t.subject_id = d.subject_id and t.rule_id = d.rule_id) "
                + "when matched then update set overdue_n = d.overdue_n, pending_n = d.pending_n, closed_due = d.closed_due "
                + "when not matched then insert (subject_kind, subject_id, rule_id, overdue_n, pending_n, closed_due) "
                + "values (d.subject_kind, d.subject_id, d.rule_id, d.overdue_n, d.pending_n, d.closed_due)")) {
            ps.setString(1, k.kind());
            ps.setLong(2, k.subjectId());
            ps.setString(3, k.ruleId());
            ps.setString(4, k.kind());
            ps.setLong(5, k.subjectId());
            ps.setString(6, k.ruleId());
            ps.executeUpdate();
        }
    }

    private Key key(Object[] row) {
        return new Key((String) value(row, "subject_kind"), ((Number) value(row, "subject_id")).longValue(), (String) value(row, "rule_id"));
    }

    private Object value(Object[] row, String column) {
        return row[Objects.requireNonNull(columns.get(column), column)];
    }

    private record Key(String kind, long subjectId, String ruleId) {
    }
}
