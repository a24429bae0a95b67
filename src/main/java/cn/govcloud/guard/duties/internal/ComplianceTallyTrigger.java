package cn.govcloud.guard.duties.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.h2.api.Trigger;

/**
 * H2's half of the compliance matrix's tally (issue 19 point 3; A13): a row trigger on {@code duties_duty} that moves,
 * in the writing transaction, the overdue and pending counts of the (subject, rule) key the old row left and the new
 * row joined, raises the key's latest closed due time by a closed new row, and recounts that time from the key's duties
 * only where a closed row left it (deleted, reopened, its due time or key moved) — db/vendor/h2. PostgreSQL does the
 * same with one statement-level trigger (db/vendor/postgresql). A row whose key, state and due time did not change (a
 * reminder count, an escalation) is skipped. ComplianceTallyTests checks both databases against a count from scratch
 * ({@link ComplianceTally#COUNTED}).
 */
public class ComplianceTallyTrigger implements Trigger {
    private static final Set<String> LIVE = Set.of("OPEN", "SUBMITTED", "RETURNED", "OVERDUE");
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
        Map<Key, Delta> deltas = new LinkedHashMap<>();
        add(deltas, oldRow, -1);
        add(deltas, newRow, 1);
        for (Map.Entry<Key, Delta> e : deltas.entrySet()) {
            if (e.getValue().overdue != 0 || e.getValue().pending != 0 || e.getValue().closedDue != null) {
                apply(conn, e.getKey(), e.getValue());
            }
        }
        if (oldRow != null && !LIVE.contains((String) value(oldRow, "state"))) { // a closed row left its key (not skipped above)
            recountClosed(conn, key(oldRow));
        }
    }

    private void add(Map<Key, Delta> deltas, Object[] row, int sign) {
        if (row == null) {
            return;
        }
        Delta d = deltas.computeIfAbsent(key(row), k -> new Delta());
        String state = (String) value(row, "state");
        if ("OVERDUE".equals(state)) {
            d.overdue += sign;
        } else if (LIVE.contains(state)) {
            d.pending += sign;
        } else if (sign > 0) {
            d.closedDue = value(row, "due_at");
        }
    }

    private static void apply(Connection conn, Key k, Delta d) throws SQLException {
        if (update(conn, k, d) == 0) {
            try (PreparedStatement ps = conn.prepareStatement("insert into duties_matrix_tally (subject_kind, subject_id, rule_id, overdue_n, "
                    + "pending_n, closed_due) values (?, ?, ?, ?, ?, ?)")) {
                bindKey(ps, 1, k);
                ps.setInt(4, d.overdue);
                ps.setInt(5, d.pending);
                ps.setObject(6, d.closedDue);
                ps.executeUpdate();
            } catch (SQLException e) {
                // another transaction inserted the same key first: add to it
                if (!"23505".equals(e.getSQLState()) || update(conn, k, d) == 0) {
                    throw e;
                }
            }
        }
    }

    private static int update(Connection conn, Key k, Delta d) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("update duties_matrix_tally set overdue_n = overdue_n + ?, pending_n = pending_n + ?, "
                + "closed_due = case when cast(? as timestamp with time zone) is not null and (closed_due is null "
                + "or closed_due < cast(? as timestamp with time zone)) then cast(? as timestamp with time zone) else closed_due end "
                + "where subject_kind = ? and subject_id = ? and rule_id = ?")) {
            ps.setInt(1, d.overdue);
            ps.setInt(2, d.pending);
            ps.setObject(3, d.closedDue);
            ps.setObject(4, d.closedDue);
            ps.setObject(5, d.closedDue);
            bindKey(ps, 6, k);
            return ps.executeUpdate();
        }
    }

    private static void recountClosed(Connection conn, Key k) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("update duties_matrix_tally t set closed_due = (select max(d.due_at) from duties_duty d "
                + "where d.subject_kind = t.subject_kind and d.subject_id = t.subject_id and d.rule_id = t.rule_id and d.state not in "
                + ComplianceTally.LIVE + ") where t.subject_kind = ? and t.subject_id = ? and t.rule_id = ?")) {
            bindKey(ps, 1, k);
            ps.executeUpdate();
        }
    }

    private static void bindKey(PreparedStatement ps, int from, Key k) throws SQLException {
        ps.setString(from, k.kind());
        ps.setLong(from + 1, k.subjectId());
        ps.setString(from + 2, k.ruleId());
    }

    private Key key(Object[] row) {
        return new Key((String) value(row, "subject_kind"), ((Number) value(row, "subject_id")).longValue(), (String) value(row, "rule_id"));
    }

    private Object value(Object[] row, String column) {
        return row[Objects.requireNonNull(columns.get(column), column)];
    }

    private record Key(String kind, long subjectId, String ruleId) {
    }

    private static final class Delta {
        int overdue;
        int pending;
        Object closedDue;
    }
}
