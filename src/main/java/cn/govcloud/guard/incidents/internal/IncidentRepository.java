package cn.govcloud.guard.incidents.internal;

import static cn.govcloud.guard.incidents.internal.Values.instant;
import static cn.govcloud.guard.incidents.internal.Values.nullableLong;
import static cn.govcloud.guard.incidents.internal.Values.ts;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.incidents.Incidents.Criteria;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Page;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the {@link Incident} aggregate: the incident row with its clock columns, its timeline, its grade changes
 * and the provider's cooperation tasks (reports are {@link IncidentReports}'). Reads are scoped to what the actor may
 * see (A10.4/A10.5).
 */
@Repository
class IncidentRepository {
    private static final String SELECT = """
            select i.*,
              (select count(*) from incidents_report r where r.incident_id = i.id and r.kind = 'INITIAL'
                 and (i.clock_started_at is null or r.submitted_at >= i.clock_started_at)) as initial_reports,
              (select count(*) from incidents_report r where r.incident_id = i.id and r.kind = 'FINAL') as final_reports
            from incidents_incident i""";

    private final JdbcClient jdbc;

    IncidentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The fields of a new incident as validated. */
    record NewRow(long orgId, Long systemId, String title, String category, String subType, String grade, String suggestedGrade,
                  String description, String impact, Criteria criteria, Instant discoveredAt, Instant confirmedAt, Instant recordedAt,
                  String recordedBy) {
    }

    long insert(NewRow r) {
        Criteria c = r.criteria();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into incidents_incident (org_id, system_id, title, category, sub_type, grade, suggested_grade, description, impact,
                  portal_outage_hours, critical_outage_hours, people_affected, records_leaked, data_affected, direct_loss_wan,
                  discovered_at, confirmed_at, status, recorded_at, recorded_by)
                values (:org, :system, :title, :category, :subType, :grade, :suggested, :description, :impact, :portal, :critical, :people,
                  :records, :data, :loss, :discovered, :confirmed, 'OPEN', :now, :by)""")
                .param("org", r.orgId()).param("system", r.systemId()).param("title", r.title())
                .param("category", r.category()).param("subType", r.subType()).param("grade", r.grade()).param("suggested", r.suggestedGrade())
                .param("description", r.description()).param("impact", r.impact())
                .param("portal", c.portalOutageHours()).param("critical", c.criticalOutageHours())
                .param("people", c.peopleAffected()).param("records", c.recordsLeaked())
                .param("data", c.dataAffected() == null ? "NONE" : c.dataAffected()).param("loss", c.directLossWan())
                .param("discovered", ts(r.discoveredAt())).param("confirmed", ts(r.confirmedAt())).param("now", ts(r.recordedAt()))
                .param("by", r.recordedBy())
                .update(key, "id");
        return key.getKey().longValue();
    }

    /**
     * A10.4/A10.5 scoping: oversight (supervisor, regulators) all; a unit its own; the provider its platform incidents
     * and those it has a cooperation task on.
     */
    static String scope(Actor actor, Map<String, Object> params) {
        OrgScope scope = OrgScope.of(actor);
        params.putAll(scope.params());
        if (!scope.everything() && actor.orgKind() == OrgKind.PROVIDER) {
            return "(" + scope.where("i.org_id") + " or exists (select 1 from incidents_cooperation c where c.incident_id = i.id "
                    + "and c.provider_org_id = :scopeOrgId))";
        }
        return scope.where("i.org_id");
    }

    /**
     * One page of the list (issue 23 point 11), in SQL; the keyword's matching systems and units (their names live in other
     * modules) come resolved as ids.
     */
    Page<Incident> page(Actor actor, IncidentFilter f, List<Long> qSystems, List<Long> qUnits, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(scope(actor, params));
        if (f.grade() != null) {
            where.append(" and i.grade = :grade");
            params.put("grade", f.grade());
        }
        if (f.status() != null) {
            where.append(" and i.status = :status");
            params.put("status", f.status());
        }
        if (f.orgId() != null) {
            where.append(" and i.org_id = :orgId");
            params.put("orgId", f.orgId());
        }
        if (f.month() != null) {
            where.append(" and i.confirmed_at >= :monthStart and i.confirmed_at < :monthEnd");
            params.put("monthStart", IncidentFiguresQuery.monthStart(f.month().getYear(), f.month().getMonthValue()));
            YearMonth next = f.month().plusMonths(1);
            params.put("monthEnd", IncidentFiguresQuery.monthStart(next.getYear(), next.getMonthValue()));
        }
        if (f.from() != null) {
            where.append(" and i.confirmed_at >= :from");
            params.put("from", ts(f.from().atStartOfDay(WorkingCalendar.ZONE).toInstant()));
        }
        if (f.to() != null) {
            where.append(" and i.confirmed_at < :to");
            params.put("to", ts(f.to().plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant()));
        }
        if (f.q() != null) {
            where.append(" and (lower(i.title) like :q escape '\\' or lower(i.description) like :q escape '\\'");
            params.put("q", cn.govcloud.guard.shared.Like.containing(f.q()));
            if (!qSystems.isEmpty()) {
                where.append(" or i.system_id in (:qSystems)");
                params.put("qSystems", qSystems);
            }
            if (!qUnits.isEmpty()) {
                where.append(" or i.org_id in (:qUnits)");
                params.put("qUnits", qUnits);
            }
            where.append(")");
        }
        long total = jdbc.sql("select count(*) from incidents_incident i where " + where).params(params).query(Long.class).single();
        int safeSize = Math.max(1, Math.min(size, 500));
        params.put("limit", safeSize);
        params.put("offset", (long) Math.max(0, page) * safeSize);
        List<Incident> items = jdbc.sql(SELECT + " where " + where + " order by i.confirmed_at desc, i.id desc limit :limit offset :offset")
                .params(params).query((rs, n) -> map(rs)).list();
        return new Page<>(items, total, Math.max(0, page), safeSize);
    }

    Optional<Incident> find(long id, Actor actor) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        return jdbc.sql(SELECT + " where i.id = :id and " + scope(actor, params)).params(params).query((rs, n) -> map(rs)).optional();
    }

    /** Serialises concurrent changes of one incident until the transaction ends. */
    void lock(long id) {
        jdbc.sql("select id from incidents_incident where id = :id for update").param("id", id).query(Long.class).single();
    }

    /** The organisation's incidents whose initial-report clock was started, soonest due first. */
    List<Incident> withReportDue(long orgId) {
        return jdbc.sql(SELECT + " where i.org_id = :org and i.report_due_at is not null order by i.report_due_at")
                .param("org", orgId).query((rs, n) -> map(rs)).list();
    }

    void clockStarted(long id, Instant at, Instant dueAt, String reference) {
        jdbc.sql("update incidents_incident set clock_started_at = :at, report_due_at = :due, report_reference = :ref, "
                        + "progress_reference = null where id = :id")
                .param("at", ts(at)).param("due", ts(dueAt)).param("ref", reference).param("id", id).update();
    }

    void clockStopped(long id) {
        jdbc.sql("update incidents_incident set report_due_at = null, progress_reference = null where id = :id").param("id", id).update();
    }

    void progressOwed(long id, String reference) {
        jdbc.sql("update incidents_incident set progress_reference = :ref where id = :id").param("ref", reference).param("id", id).update();
    }

    void contained(long id, Instant at) {
        jdbc.sql("update incidents_incident set status = 'CONTAINED', contained_at = :now where id = :id")
                .param("now", ts(at)).param("id", id).update();
    }

    void resolved(long id, Instant at) {
        jdbc.sql("update incidents_incident set status = 'RESOLVED', resolved_at = :now, contained_at = coalesce(contained_at, :now) "
                + "where id = :id").param("now", ts(at)).param("id", id).update();
    }

    /** Records the change with its reason and sets the new grade; returns the change's id. */
    long gradeChanged(long id, String from, String to, String reason, Instant at, String by) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into incidents_grade_change (incident_id, from_grade, to_grade, reason, changed_at, changed_by) "
                        + "values (:id, :from, :to, :reason, :now, :by)")
                .param("id", id).param("from", from).param("to", to).param("reason", reason)
                .param("now", ts(at)).param("by", by).update(key, "id");
        jdbc.sql("update incidents_incident set grade = :grade where id = :id").param("grade", to).param("id", id).update();
        return key.getKey().longValue();
    }

    List<GradeChange> gradeChanges(long id) {
        return jdbc.sql("select * from incidents_grade_change where incident_id = :id order by changed_at, id").param("id", id)
                .query((rs, n) -> new GradeChange(rs.getString("from_grade"), rs.getString("to_grade"), rs.getString("reason"),
                        instant(rs, "changed_at"), rs.getString("changed_by"))).list();
    }

    void event(long id, Instant at, String kind, String details, String actor) {
        jdbc.sql("insert into incidents_event (incident_id, at, kind, details, actor) values (:id, :at, :kind, :details, :actor)")
                .param("id", id).param("at", ts(at)).param("kind", kind).param("details", details).param("actor", actor).update();
    }

    List<TimelineEntry> timeline(long id) {
        return jdbc.sql("select * from incidents_event where incident_id = :id order by at, id").param("id", id)
                .query((rs, n) -> new TimelineEntry(rs.getLong("id"), instant(rs, "at"), rs.getString("kind"), rs.getString("details"),
                        rs.getString("actor"))).list();
    }

    /** A10.5: the provider's task to support a unit's incident. */
    void cooperationOpened(long id, long providerOrgId, Instant at) {
        jdbc.sql("insert into incidents_cooperation (incident_id, provider_org_id, opened_at) values (:id, :org, :now)")
                .param("id", id).param("org", providerOrgId).param("now", ts(at)).update();
    }

    boolean hasCooperationTask(long id, long providerOrgId) {
        return jdbc.sql("select count(*) from incidents_cooperation where incident_id = :id and provider_org_id = :org")
                .param("id", id).param("org", providerOrgId).query(Long.class).single() > 0;
    }

    private static Incident map(ResultSet rs) throws SQLException {
        Criteria criteria = new Criteria(rs.getBigDecimal("portal_outage_hours"), rs.getBigDecimal("critical_outage_hours"),
                nullableLong(rs, "people_affected"), nullableLong(rs, "records_leaked"), rs.getString("data_affected"),
                rs.getBigDecimal("direct_loss_wan"));
        return new Incident(rs.getLong("id"), rs.getLong("org_id"), nullableLong(rs, "system_id"), null, rs.getString("title"),
                rs.getString("category"), rs.getString("sub_type"), rs.getString("grade"), rs.getString("suggested_grade"),
                rs.getString("description"), rs.getString("impact"), criteria, instant(rs, "discovered_at"), instant(rs, "confirmed_at"),
                rs.getString("status"), instant(rs, "clock_started_at"), instant(rs, "report_due_at"), rs.getString("report_reference"),
                rs.getString("progress_reference"), instant(rs, "contained_at"), instant(rs, "resolved_at"), instant(rs, "recorded_at"),
                rs.getString("recorded_by"), rs.getLong("initial_reports") > 0, rs.getLong("final_reports") > 0);
    }
}
