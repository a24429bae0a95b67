package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.shared.OrgScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reads the findings' and the alerts' tables share (A10.1): the filtered list newest first, one item within the reader's
 * scope, and the triage queue oldest first.
 *
 * @param table      intake_finding or intake_alert
 * @param alias      the table's alias in the filter's predicates
 * @param timeColumn what the list's time range is on (last_seen, last_at)
 * @param text       what the keyword is looked for in (issue 23 point 11)
 */
record IntakeTable<T>(JdbcClient jdbc, String table, String alias, String timeColumn, List<String> text, RowMapper<T> rows) {

    /** Newest first, {@code limit + 1} rows (the caller pages). */
    List<T> list(OrgScope scope, Filter f, List<Long> qSystems) {
        StringBuilder sql = new StringBuilder(from() + " where " + scope.where(alias + ".org_id"));
        Map<String, Object> params = new HashMap<>(scope.params());
        f.appendTo(sql, params, alias, timeColumn, text, qSystems);
        sql.append(" order by ").append(alias).append(".id desc limit ").append(f.limit() + 1);
        return jdbc.sql(sql.toString()).params(params).query(rows).list();
    }

    Optional<T> find(OrgScope scope, long id) {
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        return jdbc.sql(from() + " where " + alias + ".id = :id and " + scope.where(alias + ".org_id")).params(params).query(rows).optional();
    }

    /** What matched no system, oldest first. */
    List<T> inTriage(int size) {
        return jdbc.sql(from() + " where " + alias + ".state = 'TRIAGE' order by " + alias + ".id limit " + size).query(rows).list();
    }

    private String from() {
        return "select * from " + table + " " + alias;
    }
}
