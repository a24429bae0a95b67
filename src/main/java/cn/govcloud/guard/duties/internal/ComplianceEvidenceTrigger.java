package cn.govcloud.guard.duties.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.h2.api.Trigger;

/**
 * H2's half of the compliance matrix's kept evidence (issue 19 point 3, fourth step; A13): a row trigger on
 * {@code duties_submission} that recounts, in the writing transaction, the details kept in the cell's row of the
 * submission's duty — the newest submission and the latest due time of an accepted late one
 * ({@link ComplianceTally#recountDetails}; db/vendor/h2 V2026_12_14_0601). PostgreSQL does the same with one
 * statement-level trigger (db/vendor/postgresql V2026_12_14_0601).
 */
public class ComplianceEvidenceTrigger implements Trigger {
    private int dutyColumn = -1;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("select ordinal_position from information_schema.columns "
                + "where lower(table_schema) = lower(?) and lower(table_name) = lower(?) and lower(column_name) = 'duty_id'")) {
            ps.setString(1, schemaName);
            ps.setString(2, tableName);
            try (var rs = ps.executeQuery()) {
                rs.next();
                dutyColumn = rs.getInt(1) - 1;
            }
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        Set<Long> duties = new LinkedHashSet<>();
        if (oldRow != null) {
            duties.add(((Number) oldRow[dutyColumn]).longValue());
        }
        if (newRow != null) {
            duties.add(((Number) newRow[dutyColumn]).longValue());
        }
        for (long duty : duties) {
            try (PreparedStatement ps = conn.prepareStatement("select subject_kind, subject_id, rule_id from duties_duty where id = ?")) {
                ps.setLong(1, duty);
                try (var rs = ps.executeQuery()) {
                    if (rs.next()) {
                        ComplianceTally.recountDetails(conn, List.of(rs.getString(1), rs.getLong(2), rs.getString(3)));
                    }
                }
            }
        }
    }
}
