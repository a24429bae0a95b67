package cn.govcloud.guard.duties.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2's half of the duty counters (issue 19 point 3; A11.3, A12): a row trigger on {@code duties_duty} that
 * takes the old row's contribution off its counter and adds the new row's, in the writing transaction
 * (db/vendor/h2). PostgreSQL does the same with one statement-level trigger (db/vendor/postgresql). The
 * contribution is {@link DutyCounters#CONTRIBUTIONS}, written here in Java; DutyCountersTests checks
 * both against a count from scratch.
 */
public class DutyCounterTrigger implements Trigger {
    private static final String[] STATES = {"OPEN", "RETURNED", "OVERDUE", "SUBMITTED", "ACCEPTED", "WAIVED"};
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
            boolean zero = true;
            for (long v : d) {
                zero &= v == 0;
            }
            if (!zero) {
                apply(conn, e.getKey(), d);
            }
        }
    }

    private void add(Map<Key, long[]> deltas, Object[] row, int sign) {
        if (row == null) {
            return;
        }
        LocalDate due = date(value(row, "due_date"));
        Key key = new Key(((Number) value(row, "org_id")).longValue(), (String) value(row, "party"), (String) value(row, "rule_id"),
                (String) value(row, "article"), due.getYear() * 100 + due.getMonthValue());
        long[] d = deltas.computeIfAbsent(key, k -> new long[STATES.length + 1]);
        String state = (String) value(row, "state");
        for (int i = 0; i < STATES.length; i++) {
            if (STATES[i].equals(state)) {
                d[i] += sign;
            }
        }
        if (onTime(row, state)) {
            d[STATES.length] += sign;
        }
    }

    /** DutyOutcomeQueries.ON_TIME on one row. */
    private boolean onTime(Object[] row, String state) {
        if (!("SUBMITTED".equals(state) || "ACCEPTED".equals(state)) || value(row, "overdue_at") != null
                || Boolean.TRUE.equals(value(row, "submitted_late"))) {
            return false;
        }
        Instant dueAt = instant(value(row, "due_at"));
        Instant first = instant(value(row, "first_submitted_at"));
        Instant closed = instant(value(row, "closed_at"));
        return (first != null && !first.isAfter(dueAt)) || (closed != null && !closed.isAfter(dueAt));
    }

    private static void apply(Connection conn, Key k, long[] d) throws SQLException {
        if (update(conn, k, d) == 0) {
            try (PreparedStatement ps = conn.prepareStatement("insert into duties_counter (org_id, party, rule_id, article, due_month, open_n, "
                    + "returned_n, overdue_n, submitted_n, accepted_n, waived_n, on_time_n) values (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                bindKey(ps, 1, k);
                for (int i = 0; i < d.length; i++) {
                    ps.setLong(6 + i, d[i]);
                }
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
        try (PreparedStatement ps = conn.prepareStatement("update duties_counter set open_n = open_n + ?, returned_n = returned_n + ?, "
                + "overdue_n = overdue_n + ?, submitted_n = submitted_n + ?, accepted_n = accepted_n + ?, waived_n = waived_n + ?, "
                + "on_time_n = on_time_n + ? where org_id = ? and party = ? and rule_id = ? and article = ? and due_month = ?")) {
            for (int i = 0; i < d.length; i++) {
                ps.setLong(1 + i, d[i]);
            }
            bindKey(ps, 1 + d.length, k);
            return ps.executeUpdate();
        }
    }

    private static void bindKey(PreparedStatement ps, int from, Key k) throws SQLException {
        ps.setLong(from, k.orgId());
        ps.setString(from + 1, k.party());
        ps.setString(from + 2, k.ruleId());
        ps.setString(from + 3, k.article());
        ps.setInt(from + 4, k.month());
    }

    private Object value(Object[] row, String column) {
        return row[Objects.requireNonNull(columns.get(column), column)];
    }

    private static LocalDate date(Object v) {
        return v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
    }

    private static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        return (Instant) v;
    }

    private record Key(long orgId, String party, String ruleId, String article, int month) {
    }
}
