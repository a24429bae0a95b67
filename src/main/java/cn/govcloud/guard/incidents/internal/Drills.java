package cn.govcloud.guard.incidents.internal;

import static cn.govcloud.guard.incidents.internal.Values.instant;
import static cn.govcloud.guard.incidents.internal.Values.nullableLong;
import static cn.govcloud.guard.incidents.internal.Values.ts;

import cn.govcloud.guard.incidents.internal.DrillService.Drill;
import cn.govcloud.guard.incidents.internal.DrillService.Finding;
import cn.govcloud.guard.incidents.internal.DrillService.Participant;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Like;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.Page;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of a drill (A10.3) with its invited units and its findings; reads scoped to what the actor may see. */
@Repository
class Drills {
    private final JdbcClient jdbc;
    private final RuleCatalog catalog;

    Drills(JdbcClient jdbc, RuleCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /** The provider its own drills, a unit those it was invited to, oversight all. */
    static String where(Actor actor, Map<String, Object> params) {
        OrgScope scope = OrgScope.of(actor);
        params.putAll(scope.params());
        if (!scope.everything() && actor.orgKind() == OrgKind.UNIT) {
            return "exists (select 1 from incidents_drill_unit u where u.drill_id = d.id and u.unit_org_id = :scopeOrgId)";
        }
        return scope.where("d.org_id");
    }

    /** A drill's fields as validated, with its stored summary report. */
    record NewRow(long orgId, LocalDate drillDate, String title, boolean networkAttack, boolean dataLeak, boolean systemFailure,
                  boolean drSwitchover, String summary, String organiser, long documentId, String filename, Instant recordedAt,
                  String recordedBy) {
    }

    long insert(NewRow r) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into incidents_drill (org_id, drill_date, title, network_attack, data_leak, system_failure, dr_switchover, summary,
                  organiser, document_id, filename, recorded_at, recorded_by)
                values (:org, :date, :title, :na, :dl, :sf, :dr, :summary, :organiser, :doc, :filename, :now, :by)""")
                .param("org", r.orgId()).param("date", r.drillDate()).param("title", r.title())
                .param("na", r.networkAttack()).param("dl", r.dataLeak()).param("sf", r.systemFailure()).param("dr", r.drSwitchover())
                .param("summary", r.summary()).param("organiser", r.organiser()).param("doc", r.documentId())
                .param("filename", r.filename()).param("now", ts(r.recordedAt())).param("by", r.recordedBy())
                .update(key, "id");
        return key.getKey().longValue();
    }

    void invite(long drillId, long unitOrgId, String unitName) {
        jdbc.sql("insert into incidents_drill_unit (drill_id, unit_org_id, unit_name) values (:d, :org, :name)")
                .param("d", drillId).param("org", unitOrgId).param("name", unitName).update();
    }

    /** Records the invited unit's confirmation; false when it is not invited or has already confirmed. */
    boolean confirm(long drillId, long unitOrgId, Instant at, String by) {
        return jdbc.sql("update incidents_drill_unit set confirmed_at = :now, confirmed_by = :by where drill_id = :d "
                        + "and unit_org_id = :org and confirmed_at is null")
                .param("now", ts(at)).param("by", by).param("d", drillId).param("org", unitOrgId).update() > 0;
    }

    long addFinding(long drillId, Long systemId, String title, String severity, String description) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into incidents_drill_finding (drill_id, system_id, title, severity, description) "
                        + "values (:d, :system, :title, :severity, :description)")
                .param("d", drillId).param("system", systemId).param("title", title).param("severity", severity)
                .param("description", description).update(key, "id");
        return key.getKey().longValue();
    }

    void findingRaised(long findingId, long hazardId) {
        jdbc.sql("update incidents_drill_finding set hazard_id = :h where id = :id").param("h", hazardId).param("id", findingId).update();
    }

    void dutyFiled(long drillId, long dutyId) {
        jdbc.sql("update incidents_drill set duty_id = :duty where id = :id").param("duty", dutyId).param("id", drillId).update();
    }

    List<Drill> list(Actor actor, LocalDate from, LocalDate to) {
        Map<String, Object> params = new HashMap<>();
        String where = where(actor, params);
        if (from != null) {
            where += " and d.drill_date >= :from";
            params.put("from", from);
        }
        if (to != null) {
            where += " and d.drill_date <= :to";
            params.put("to", to);
        }
        List<Long> ids = jdbc.sql("select d.id from incidents_drill d where " + where + " order by d.drill_date desc, d.id desc limit 200")
                .params(params).query(Long.class).list();
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /**
     * Issue 23 point 11: one page of the drills the actor may see, newest first, narrowed in SQL by {@code f} — the keyword
     * in the title, the organiser or an invited unit's name; an invited unit; the year held; a span of days.
     */
    Page<Drill> search(Actor actor, DrillFilter f, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(where(actor, params));
        if (f.q() != null) {
            where.append(" and (lower(d.title) like :kw").append(Like.ESCAPE).append(" or lower(coalesce(d.organiser, '')) like :kw")
                    .append(Like.ESCAPE).append(" or exists (select 1 from incidents_drill_unit k where k.drill_id = d.id and lower(k.unit_name) like :kw")
                    .append(Like.ESCAPE).append("))");
            params.put("kw", Like.containing(f.q()));
        }
        if (f.unit() != null) {
            where.append(" and exists (select 1 from incidents_drill_unit n where n.drill_id = d.id and n.unit_org_id = :unitFilter)");
            params.put("unitFilter", f.unit());
        }
        LocalDate from = f.from();
        LocalDate to = f.to();
        if (f.year() != null) {
            from = from == null || from.getYear() < f.year() ? LocalDate.of(f.year(), 1, 1) : from;
            to = to == null || to.getYear() > f.year() ? LocalDate.of(f.year(), 12, 31) : to;
        }
        if (from != null) {
            where.append(" and d.drill_date >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" and d.drill_date <= :to");
            params.put("to", to);
        }
        long total = jdbc.sql("select count(*) from incidents_drill d where " + where).params(params).query(Long.class).single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<Long> ids = jdbc.sql("select d.id from incidents_drill d where " + where
                        + " order by d.drill_date desc, d.id desc limit :limit offset :offset")
                .params(params).query(Long.class).list();
        return new Page<>(ids.stream().map(this::find).flatMap(Optional::stream).toList(), total, page, size);
    }

    boolean visible(long id, Actor actor) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        return jdbc.sql("select count(*) from incidents_drill d where d.id = :id and " + where(actor, params)).params(params)
                .query(Long.class).single() > 0;
    }

    /** The first comprehensive drill of the provider between two days, if any. */
    Optional<Long> comprehensiveBetween(long providerOrgId, LocalDate from, LocalDate to) {
        return jdbc.sql("select min(id) from incidents_drill where org_id = :org and drill_date between :s and :e "
                        + "and " + DrillService.comprehensiveSql(requiredScenarios(), ""))
                .param("org", providerOrgId).param("s", from).param("e", to).query(Long.class).optional();
    }

    /** The scenarios the catalog in force asks of a comprehensive drill. */
    List<String> requiredScenarios() {
        return catalog.parameter(DrillService.COMPREHENSIVE).choices();
    }

    Optional<Drill> find(long id) {
        List<Participant> participants = jdbc.sql("select * from incidents_drill_unit where drill_id = :id order by unit_name")
                .param("id", id).query((rs, n) -> new Participant(rs.getLong("unit_org_id"), rs.getString("unit_name"),
                        instant(rs, "confirmed_at"), rs.getString("confirmed_by"))).list();
        List<Finding> findings = jdbc.sql("select * from incidents_drill_finding where drill_id = :id order by id").param("id", id)
                .query((rs, n) -> new Finding(rs.getLong("id"), nullableLong(rs, "system_id"), rs.getString("title"),
                        rs.getString("severity"), rs.getString("description"), nullableLong(rs, "hazard_id"))).list();
        return jdbc.sql("select * from incidents_drill where id = :id").param("id", id).query((rs, n) -> new Drill(rs.getLong("id"),
                rs.getLong("org_id"), rs.getObject("drill_date", LocalDate.class), rs.getString("title"), rs.getBoolean("network_attack"),
                rs.getBoolean("data_leak"), rs.getBoolean("system_failure"), rs.getBoolean("dr_switchover"), rs.getString("summary"),
                rs.getString("organiser"), rs.getLong("document_id"), rs.getString("filename"), nullableLong(rs, "duty_id"),
                instant(rs, "recorded_at"), rs.getString("recorded_by"), participants, findings, requiredScenarios())).optional();
    }
}
