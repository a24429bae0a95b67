package cn.govcloud.guard.supervision.inspections;

import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.supervision.inspections.Inspections.Inspection;
import cn.govcloud.guard.supervision.inspections.Inspections.Item;
import cn.govcloud.guard.supervision.scheduling.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of a quarterly special inspection (A11.3) and of its checklist items. */
@Repository
class InspectionRepository {
    private final JdbcClient jdbc;

    InspectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String quarter, String topic, String articles, Instant at, String by) {
        return Db.insertedId(jdbc.sql("insert into supervision_inspection (period_quarter, topic, articles, state, created_at, created_by) "
                        + "values (:q, :t, :a, 'IN_PROGRESS', :at, :by)")
                .param("q", quarter).param("t", topic).param("a", articles).param("at", Db.ts(at)).param("by", by));
    }

    void insertItem(long inspection, Rule rule, String kind, long subjectId, String subjectName, long orgId) {
        jdbc.sql("insert into supervision_inspection_item (inspection_id, rule_id, rule_title, subject_kind, subject_id, subject_name, org_id, result) "
                        + "values (:i, :r, :t, :k, :s, :n, :o, 'PENDING')")
                .param("i", inspection).param("r", rule.id()).param("t", rule.title()).param("k", kind).param("s", subjectId)
                .param("n", subjectName).param("o", orgId).update();
    }

    void recordResult(long itemId, String result, String remark, String inspector, String recordedBy, Instant at, Long hazardId,
                      Long hazardSystemId) {
        jdbc.sql("update supervision_inspection_item set result = :r, remark = :m, inspector = :i, recorded_by = :by, recorded_at = :at, "
                        + "hazard_id = :h, hazard_system_id = :s where id = :id")
                .param("r", result).param("m", remark).param("i", inspector).param("by", recordedBy).param("at", Db.ts(at)).param("h", hazardId)
                .param("s", hazardSystemId).param("id", itemId).update();
    }

    /** The inspector name this login last entered (the latest result it saved). */
    Optional<String> lastInspector(String recordedBy) {
        return jdbc.sql("select inspector from supervision_inspection_item where recorded_by = :by order by recorded_at desc, id desc")
                .param("by", recordedBy).query(String.class).stream().findFirst();
    }

    Optional<Inspection> find(long id) {
        return jdbc.sql("select * from supervision_inspection where id = :id").param("id", id).query(this::map).optional();
    }

    List<Inspection> list() {
        return jdbc.sql("select * from supervision_inspection order by period_quarter desc, id desc").query(this::map).list();
    }

    /** Issue 23 point 11: one page of the inspections matching the search, newest quarter first. */
    List<Inspection> search(Inspections.Search search, int limit, int offset) {
        return jdbc.sql("select * from supervision_inspection where " + where(search) + " order by period_quarter desc, id desc "
                        + "limit :limit offset :offset")
                .params(params(search)).param("limit", limit).param("offset", offset).query(this::map).list();
    }

    long count(Inspections.Search search) {
        return jdbc.sql("select count(*) from supervision_inspection where " + where(search)).params(params(search)).query(Long.class).single();
    }

    private static String where(Inspections.Search search) {
        return (search.keyword() == null ? "1 = 1"
                : "(lower(topic) like :keyword escape '\\' or lower(period_quarter) like :keyword escape '\\' or lower(articles) like :keyword escape '\\')")
                + (search.state() == null ? "" : " and state = :state");
    }

    private static java.util.Map<String, Object> params(Inspections.Search search) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (search.keyword() != null) {
            params.put("keyword", cn.govcloud.guard.shared.Like.containing(search.keyword()));
        }
        if (search.state() != null) {
            params.put("state", search.state());
        }
        return params;
    }

    List<Item> items(long inspectionId) {
        return jdbc.sql("select * from supervision_inspection_item where inspection_id = :i order by id").param("i", inspectionId)
                .query(this::mapItem).list();
    }

    List<Item> itemsOfOrganisation(long orgId) {
        return jdbc.sql("select * from supervision_inspection_item where org_id = :o order by inspection_id desc, id").param("o", orgId)
                .query(this::mapItem).list();
    }

    Item item(long inspectionId, long itemId) {
        return jdbc.sql("select * from supervision_inspection_item where id = :id and inspection_id = :i").param("id", itemId)
                .param("i", inspectionId).query(this::mapItem).optional().orElseThrow(() -> new NotFound("inspection item " + itemId));
    }

    private Inspection map(ResultSet rs, int n) throws SQLException {
        return new Inspection(rs.getLong("id"), rs.getString("period_quarter"), rs.getString("topic"), rs.getString("articles"),
                rs.getString("state"), Db.instant(rs, "created_at"), rs.getString("created_by"), Db.instant(rs, "completed_at"),
                rs.getString("completed_by"), Db.nullableLong(rs, "report_document_id"), rs.getString("report_filename"),
                Db.nullableLong(rs, "duty_id"));
    }

    private Item mapItem(ResultSet rs, int n) throws SQLException {
        return new Item(rs.getLong("id"), rs.getLong("inspection_id"), rs.getString("rule_id"), rs.getString("rule_title"),
                rs.getString("subject_kind"), rs.getLong("subject_id"), rs.getString("subject_name"), rs.getLong("org_id"),
                rs.getString("result"), rs.getString("remark"), rs.getString("inspector"), Db.instant(rs, "recorded_at"),
                Db.nullableLong(rs, "hazard_id"), Db.nullableLong(rs, "hazard_system_id"));
    }
}
