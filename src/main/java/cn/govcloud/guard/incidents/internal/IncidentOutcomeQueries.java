package cn.govcloud.guard.incidents.internal;

import cn.govcloud.guard.incidents.IncidentOutcomes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@link IncidentOutcomes} in SQL. */
@Repository
@Transactional(readOnly = true)
class IncidentOutcomeQueries implements IncidentOutcomes {
    private static final String SELECT = "select id, org_id, system_id, title, grade, confirmed_at, status from incidents_incident ";

    private final JdbcClient jdbc;

    IncidentOutcomeQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Tally> tally(Instant from, Instant to) {
        return jdbc.sql("select org_id, grade, count(*) from incidents_incident where confirmed_at >= :from and confirmed_at < :to "
                        + "group by org_id, grade")
                .param("from", ts(from)).param("to", ts(to))
                .query((rs, i) -> new Tally(rs.getLong(1), rs.getString(2), rs.getLong(3))).list();
    }

    @Override
    public List<Reporting> reporting(Instant from, Instant to, Instant now) {
        java.util.Map<Long, long[]> byOrg = new java.util.TreeMap<>();
        List<String> severity = List.of("I", "II", "III", "IV"); // most severe first
        jdbc.sql("select i.org_id, i.grade, i.suggested_grade, i.report_due_at, (select min(e.at) from incidents_event e "
                        + "where e.incident_id = i.id and e.kind = 'REPORTED') as reported_at from incidents_incident i "
                        + "where i.confirmed_at >= :from and i.confirmed_at < :to")
                .param("from", ts(from)).param("to", ts(to)).query((rs, i) -> {
                    long[] counts = byOrg.computeIfAbsent(rs.getLong("org_id"), o -> new long[3]);
                    OffsetDateTime due = rs.getObject("report_due_at", OffsetDateTime.class);
                    OffsetDateTime reported = rs.getObject("reported_at", OffsetDateTime.class);
                    if (due != null && reported != null && reported.toInstant().isAfter(due.toInstant())) {
                        counts[0]++;
                    } else if (due != null && reported == null && now.isAfter(due.toInstant())) {
                        counts[1]++;
                    }
                    if (severity.indexOf(rs.getString("grade")) > severity.indexOf(rs.getString("suggested_grade"))) {
                        counts[2]++;
                    }
                    return null;
                }).list();
        return byOrg.entrySet().stream().map(e -> new Reporting(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
    }

    @Override
    public List<Outcome> outcomes(long orgId, Instant from, Instant to) {
        return jdbc.sql(SELECT + "where org_id = :org and confirmed_at >= :from and confirmed_at < :to order by confirmed_at, id")
                .param("org", orgId).param("from", ts(from)).param("to", ts(to)).query(IncidentOutcomeQueries::row).list();
    }

    @Override
    public List<Outcome> ofGrades(List<String> grades, Instant from, Instant to) {
        if (grades.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + "where grade in (:grades) and confirmed_at >= :from and confirmed_at < :to order by confirmed_at, id")
                .param("grades", grades).param("from", ts(from)).param("to", ts(to)).query(IncidentOutcomeQueries::row).list();
    }

    private static Outcome row(ResultSet rs, int i) throws SQLException {
        long system = rs.getLong("system_id");
        Long systemId = rs.wasNull() ? null : system;
        return new Outcome(rs.getLong("id"), rs.getLong("org_id"), systemId, rs.getString("title"), rs.getString("grade"),
                rs.getObject("confirmed_at", OffsetDateTime.class).toInstant(), rs.getString("status"));
    }

    private static OffsetDateTime ts(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
