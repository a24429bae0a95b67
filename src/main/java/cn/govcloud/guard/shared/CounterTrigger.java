package cn.govcloud.guard.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.h2.api.Trigger;

/**
 * H2's half of a counter table kept by triggers in the writing transaction (issue 19 point 3; the shared part of the
 * duty counters, the hazard counters, the compliance matrix's tally and its summary — issue 18): a row trigger that
 * takes the old row's contribution off its counter row and adds the new row's. A subclass says which counter row a row
 * counts in and what it adds ({@link #contribution}); this class nets the old and new row per counter row, skips what
 * nets to nothing (a reminder count, an escalation), and adds the rest by an update — or, where the counter row does not
 * exist yet, an insert, retrying the update when another transaction inserted it first. PostgreSQL does the same with one
 * statement-level trigger per table over the transition tables (db/vendor/postgresql).
 *
 * <p>A counter table has key columns, summed columns ({@code column = column + delta}) and "latest" columns, which keep
 * the greatest value a new row brought (a row leaving never lowers them: the subclass recounts where that matters).
 */
public abstract class CounterTrigger implements Trigger {
    private final String table;
    private final List<String> keys;
    private final List<String> sums;
    private final List<String> latest;
    private final Map<String, Integer> columns = new HashMap<>();

    /** One row's part: the counter row it counts in ({@code key}, in the order of the key columns) and what it adds there. */
    public record Contribution(List<Object> key, long[] sums, Object[] latest) {
        public Contribution(List<Object> key, long... sums) {
            this(key, sums, new Object[0]);
        }
    }

    protected CounterTrigger(String table, List<String> keys, List<String> sums, List<String> latest) {
        this.table = table;
        this.keys = keys;
        this.sums = sums;
        this.latest = latest;
    }

    /** What the row adds to which counter row, or null when it counts nowhere. */
    protected abstract Contribution contribution(Object[] row);

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
        Map<List<Object>, Contribution> deltas = new LinkedHashMap<>();
        add(deltas, oldRow == null ? null : contribution(oldRow), -1);
        add(deltas, newRow == null ? null : contribution(newRow), 1);
        for (Contribution d : deltas.values()) {
            if (Arrays.stream(d.sums()).anyMatch(v -> v != 0) || Arrays.stream(d.latest()).anyMatch(Objects::nonNull)) {
                apply(conn, d);
            }
        }
    }

    private void add(Map<List<Object>, Contribution> deltas, Contribution c, int sign) {
        if (c == null) {
            return;
        }
        Contribution d = deltas.computeIfAbsent(c.key(), k -> new Contribution(k, new long[sums.size()], new Object[latest.size()]));
        for (int i = 0; i < sums.size(); i++) {
            d.sums()[i] += sign * c.sums()[i];
        }
        if (sign > 0) {
            System.arraycopy(c.latest(), 0, d.latest(), 0, latest.size());
        }
    }

    private void apply(Connection conn, Contribution d) throws SQLException {
        if (update(conn, d) == 0) {
            List<String> all = new ArrayList<>(keys);
            all.addAll(sums);
            all.addAll(latest);
            try (PreparedStatement ps = conn.prepareStatement("insert into " + table + " (" + String.join(", ", all) + ") values ("
                    + all.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")")) {
                int i = bind(ps, 1, d.key().toArray());
                for (long v : d.sums()) {
                    ps.setLong(i++, v);
                }
                bind(ps, i, d.latest());
                ps.executeUpdate();
            } catch (SQLException e) {
                // another transaction inserted the same counter row first: add to it
                if (!"23505".equals(e.getSQLState()) || update(conn, d) == 0) {
                    throw e;
                }
            }
        }
    }

    private int update(Connection conn, Contribution d) throws SQLException {
        List<String> set = new ArrayList<>();
        sums.forEach(c -> set.add(c + " = " + c + " + ?"));
        latest.forEach(c -> set.add(c + " = greatest(" + c + ", ?)")); // greatest ignores a null on either side
        try (PreparedStatement ps = conn.prepareStatement("update " + table + " set " + String.join(", ", set) + " where "
                + keys.stream().map(k -> k + " = ?").collect(Collectors.joining(" and ")))) {
            int i = 1;
            for (long v : d.sums()) {
                ps.setLong(i++, v);
            }
            i = bind(ps, i, d.latest());
            bind(ps, i, d.key().toArray());
            return ps.executeUpdate();
        }
    }

    private static int bind(PreparedStatement ps, int from, Object[] values) throws SQLException {
        for (Object v : values) {
            ps.setObject(from++, v);
        }
        return from;
    }

    /** The row's value of the named column (lower case). */
    protected Object value(Object[] row, String column) {
        return row[Objects.requireNonNull(columns.get(column), column)];
    }

    /** A date column's value, as H2 hands it to a trigger. */
    protected static LocalDate date(Object v) {
        return v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
    }

    /** A timestamp column's value as an instant, whichever type H2 hands to a trigger; null stays null. */
    protected static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        return (Instant) v;
    }

    /** The month of a date as yyyymm, the counters' month key. */
    protected static int month(LocalDate day) {
        return day.getYear() * 100 + day.getMonthValue();
    }
}
