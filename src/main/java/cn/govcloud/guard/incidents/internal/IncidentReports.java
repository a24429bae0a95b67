package cn.govcloud.guard.incidents.internal;

import static cn.govcloud.guard.incidents.internal.Values.instant;
import static cn.govcloud.guard.incidents.internal.Values.ts;

import cn.govcloud.guard.incidents.internal.IncidentReport.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of the reports filed on an incident and of their recipients' acknowledgements (A10.4/A10.5). */
@Repository
class IncidentReports {
    private final JdbcClient jdbc;

    IncidentReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A report's fields as validated; its number and grade come from the incident. */
    record NewRow(long incidentId, String kind, String grade, String summary, String measures, boolean contained, String rootCause,
                  String timeline, String lessons, String reporter, boolean late, Instant submittedAt, String submittedBy) {
    }

    /** Inserts the report with the incident's next number; returns its id. */
    long insert(NewRow r) {
        int number = jdbc.sql("select coalesce(max(number), 0) + 1 from incidents_report where incident_id = :id")
                .param("id", r.incidentId()).query(Integer.class).single();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into incidents_report (incident_id, kind, number, grade, summary, measures, contained, root_cause, timeline, lessons,
                  reporter, late, submitted_at, submitted_by)
                values (:incident, :kind, :number, :grade, :summary, :measures, :contained, :cause, :timeline, :lessons, :reporter, :late,
                  :now, :by)""")
                .param("incident", r.incidentId()).param("kind", r.kind()).param("number", number).param("grade", r.grade())
                .param("summary", r.summary()).param("measures", r.measures()).param("contained", r.contained())
                .param("cause", r.rootCause()).param("timeline", r.timeline()).param("lessons", r.lessons())
                .param("reporter", r.reporter()).param("late", r.late()).param("now", ts(r.submittedAt())).param("by", r.submittedBy())
                .update(key, "id");
        return key.getKey().longValue();
    }

    void addRecipient(long reportId, long regulatorOrgId, String regulatorName) {
        jdbc.sql("insert into incidents_report_recipient (report_id, regulator_org_id, regulator_name) values (:r, :org, :name)")
                .param("r", reportId).param("org", regulatorOrgId).param("name", regulatorName).update();
    }

    /** Records the regulator's acknowledgement; false when it is not a recipient or has already acknowledged. */
    boolean acknowledge(long reportId, long regulatorOrgId, Instant at, String by) {
        return jdbc.sql("update incidents_report_recipient set acknowledged_at = :now, acknowledged_by = :by "
                        + "where report_id = :r and regulator_org_id = :org and acknowledged_at is null")
                .param("now", ts(at)).param("by", by).param("r", reportId).param("org", regulatorOrgId).update() > 0;
    }

    List<IncidentReport> ofIncident(long incidentId) {
        return jdbc.sql("select id from incidents_report where incident_id = :id order by number").param("id", incidentId)
                .query(Long.class).list().stream().map(this::find).flatMap(Optional::stream).toList();
    }

    Optional<IncidentReport> find(long reportId) {
        List<Recipient> recipients = jdbc.sql("select * from incidents_report_recipient where report_id = :id order by regulator_org_id")
                .param("id", reportId).query((rs, n) -> new Recipient(rs.getLong("regulator_org_id"), rs.getString("regulator_name"),
                        instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"))).list();
        return jdbc.sql("select * from incidents_report where id = :id").param("id", reportId)
                .query((rs, n) -> new IncidentReport(rs.getLong("id"), rs.getLong("incident_id"), rs.getString("kind"), rs.getInt("number"),
                        rs.getString("grade"), rs.getString("summary"), rs.getString("measures"), rs.getBoolean("contained"),
                        rs.getString("root_cause"), rs.getString("timeline"), rs.getString("lessons"), rs.getString("reporter"),
                        rs.getBoolean("late"), instant(rs, "submitted_at"), rs.getString("submitted_by"), recipients)).optional();
    }
}
