package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Filters of the finding and alert lists; null means any. {@code before} is the keyset cursor: rows with a smaller id.
 * Issue 23 point 11: {@code q} a keyword in the row's text columns or its system's name, {@code orgId} the owning unit,
 * {@code from}/{@code to} last seen on those days or between them (Beijing time).
 */
public record Filter(String severity, Long systemId, String state, Long before, int limit, String q, Long orgId, LocalDate from,
                     LocalDate to) {
    public Filter {
        limit = limit <= 0 ? 50 : Math.min(limit, 200);
        q = q == null || q.isBlank() ? null : q.strip();
    }

    public Filter(String severity, Long systemId, String state, Long before, int limit) {
        this(severity, systemId, state, before, limit, null, null, null, null);
    }

    /** The same filters from another keyset cursor. */
    public Filter before(Long cursor) {
        return new Filter(severity, systemId, state, cursor, limit, q, orgId, from, to);
    }

    /**
     * Appends the filters as {@code and …} predicates on the table alias, their values to {@code params}: the keyword is
     * looked for in {@code textColumns} and among {@code qSystems} (the systems whose name holds it), the time range on
     * {@code timeColumn}.
     */
    void appendTo(StringBuilder sql, Map<String, Object> params, String alias, String timeColumn, List<String> textColumns,
                  List<Long> qSystems) {
        equal(sql, params, alias, "severity", "severity", severity == null || severity.isBlank() ? null : severity.strip().toUpperCase(Locale.ROOT));
        equal(sql, params, alias, "system_id", "systemId", systemId);
        equal(sql, params, alias, "state", "state", state == null || state.isBlank() ? null : state.strip().toUpperCase(Locale.ROOT));
        equal(sql, params, alias, "org_id", "orgId", orgId);
        if (from != null) {
            sql.append(" and ").append(alias).append('.').append(timeColumn).append(" >= :from");
            params.put("from", Columns.utc(from.atStartOfDay(WorkingCalendar.ZONE).toInstant()));
        }
        if (to != null) {
            sql.append(" and ").append(alias).append('.').append(timeColumn).append(" < :to");
            params.put("to", Columns.utc(to.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant()));
        }
        if (q != null) {
            sql.append(" and (");
            for (int i = 0; i < textColumns.size(); i++) {
                sql.append(i == 0 ? "" : " or ").append("lower(coalesce(").append(alias).append('.').append(textColumns.get(i))
                        .append(", '')) like :q escape '\\'");
            }
            if (!qSystems.isEmpty()) {
                sql.append(" or ").append(alias).append(".system_id in (:qSystems)");
                params.put("qSystems", qSystems);
            }
            sql.append(")");
            params.put("q", cn.govcloud.guard.shared.Like.containing(q));
        }
        if (before != null) {
            sql.append(" and ").append(alias).append(".id < :before");
            params.put("before", before);
        }
    }

    /** {@code and alias.column = :name} when a value was asked for. */
    private static void equal(StringBuilder sql, Map<String, Object> params, String alias, String column, String name, Object value) {
        if (value != null) {
            sql.append(" and ").append(alias).append('.').append(column).append(" = :").append(name);
            params.put(name, value);
        }
    }
}
