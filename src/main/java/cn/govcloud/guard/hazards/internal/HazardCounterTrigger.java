package cn.govcloud.guard.hazards.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2's half of the hazard counters (issue 19 point 3; A11.3, A12): a row trigger on {@code hazards_hazard}
 * that takes the old row's contribution off its counter and adds the new row's, in the writing transaction
 * (db/vendor/h2). PostgreSQL does the same with one statement-level trigger (db/vendor/postgresql). The
 * contribution is {@link HazardCounters#CONTRIBUTIONS}, written here in Java; HazardCountersTests checks
 * both against a count from scratch.
 */
public class HazardCounterTrigger implements Trigger {
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
        Map<Key, long[]> deltas = new HashMap<>();
        add(deltas, oldRow, -1);
        add(deltas, newRow, 1);
        for (Map.Entry<Key, long[]> e : deltas.entrySet()) {
            long[] d = e.getValue();
            if (d[0] != 0 || d[1] != 0 || d[2] != 0) {
                apply(conn, e.getKey(), d);
            }
        }
    }

    private void add(Map<Key, long[]> deltas, Object[] row, int sign) {
        if (row == null) {
            return;
        }
        Object v = value(row, "effective_due_date");
        LocalDate due = v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
        long[] d = deltas.computeIfAbsent(new Key(((Number) value(row, "org_id")).longValue(), due.getYear() * 100 + due.getMonthValue()),
                k -> new long[3]);
        String status = (String) value(row, "status");
        boolean settled = value(row, "closed_at") != null || "FEEDBACK_SUBMITTED".equals(status);
        d[settled ? 0 : 1] += sign;
        // HazardOutcomeQueries.ON_TIME
        if (value(row, "overdue_at") == null && ("FEEDBACK_SUBMITTED".equals(status) || "CLOSED".equals(status) || "RISK_ACCEPTED".equals(status))) {
            d[2] += sign;
        }
    }

    private static void apply(Connection conn, Key k, long[] d) throws SQLException {
        if (update(conn, k, d) == 0) {
            try (PreparedStatement ps = conn.prepareStatement("insert into hazards_counter (org_id, due_month, settled_n, waiting_n, on_time_n) "
                    + "values (?,?,?,?,?)")) {
                ps.setLong(1, k.orgId());
                ps.setInt(2, k.month());
                ps.setLong(3, d[0]);
                ps.setLong(4, d[1]);
                ps.setLong(5, d[2]);
                ps.executeUpdate();
            } catch (SQLException e) {
                // another transaction inserted the same counter first: add to it
                if (!"23505".equals(e.getSQLState()) || update(conn, k, d) == 0) {
                    throw e;
                }
            }
        }
    }

    private static int update(Connection conn, Key k, long[] d) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("update hazards_counter set settled_n = settled_n + ?, waiting_n = waiting_n + ?, "
                + "on_time_n = on_time_n + ? where org_id = ? and due_month = ?")) {
            ps.setLong(1, d[0]);
            ps.setLong(2, d[1]);
            ps.setLong(3, d[2]);
            ps.setLong(4, k.orgId());
            ps.setInt(5, k.month());
            return ps.executeUpdate();
        }
    }

    private Object value(Object[] row, String column) {
        return row[Objects.requireNonNull(columns.get(column), column)];
    }

    private record Key(long orgId, int month) {
    }
}
