package cn.govcloud.guard.data.internal;

import static cn.govcloud.guard.data.internal.DataChecks.blank;

import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.HarmObject;
import cn.govcloud.guard.data.DataSecurity.HarmSeverity;
import cn.govcloud.guard.data.DataSecurity.NewDataset;
import cn.govcloud.guard.data.DataSecurity.Part;
import cn.govcloud.guard.data.DataSecurity.PartKind;
import cn.govcloud.guard.shared.Like;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of the data catalog (A8.2): {@code data_dataset} and its parts. */
@Repository
class DatasetStore {
    private final JdbcClient jdbc;
    private final DataNames names;

    DatasetStore(JdbcClient jdbc, DataNames names) {
        this.jdbc = jdbc;
        this.names = names;
    }

    long insert(DataAsset asset, long orgId, OffsetDateTime at, String by) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into data_dataset (org_id, system_id, name, description, business_area, volume, storage_location, grade, harm_object, "
                        + "harm_severity, grading_note, created_at, created_by, updated_at, updated_by) values (:org, :system, :name, :description, "
                        + ":area, :volume, :storage, :grade, :object, :severity, :note, :at, :by, :at, :by)")
                .params(params(asset)).param("org", orgId).param("at", at).param("by", by).update(key, "id");
        long id = key.getKey().longValue();
        insertParts(id, asset.fields().parts());
        return id;
    }

    void update(long id, DataAsset asset, OffsetDateTime at, String by) {
        jdbc.sql("update data_dataset set system_id = :system, name = :name, description = :description, business_area = :area, volume = :volume, "
                        + "storage_location = :storage, grade = :grade, harm_object = :object, harm_severity = :severity, grading_note = :note, "
                        + "updated_at = :at, updated_by = :by where id = :id")
                .params(params(asset)).param("at", at).param("by", by).param("id", id).update();
        jdbc.sql("delete from data_dataset_part where dataset_id = :id").param("id", id).update();
        insertParts(id, asset.fields().parts());
    }

    /** Whether another set of the system already has the name. */
    boolean nameTaken(long systemId, String name, Long except) {
        return jdbc.sql("select count(*) from data_dataset where system_id = :s and name = :n and id <> :id").param("s", systemId)
                .param("n", name).param("id", except == null ? -1L : except).query(Long.class).single() > 0;
    }

    /** The sets in scope matching {@code where} (on alias {@code d}), with their parts and names: three queries. */
    List<Dataset> find(OrgScope scope, String where, Map<String, Object> extra) {
        Map<String, Object> params = new HashMap<>(scope.params());
        params.putAll(extra);
        return complete(jdbc.sql("select * from data_dataset d where " + scope.where("d.org_id") + " and " + where
                        + " order by d.org_id, d.system_id, d.name, d.id").params(params)
                .query((rs, i) -> map(rs)).list());
    }

    /**
     * One page of the sets in scope that {@code search} asks for (issue 23 point 11), all of it in SQL: the keyword
     * in the set's own words, its parts' names and the names of its system and unit (resolved once to id lists), the
     * unit, the grade, whether a backup policy covers the set; {@code importantOnly} for the important-data catalog.
     */
    Page<Dataset> page(OrgScope scope, DataSearch search, boolean importantOnly) {
        ListFilter f = search.filter();
        ListSql sql = new ListSql(scope, "d.org_id").equal("d.grade", "grade", search.grade() == null ? null : search.grade().name())
                .equal("d.org_id", "unit", f.unit());
        if (importantOnly) {
            sql.and("d.grade in ('CORE', 'IMPORTANT')");
        }
        if (f.state() != null) {
            sql.and(("NO_POLICY".equals(f.state()) ? "not " : "") + "exists (select 1 from data_backup_policy p where p.dataset_id = d.id "
                    + "or (p.dataset_id is null and p.system_id = d.system_id))");
        }
        if (f.q() != null) {
            List<Long> systemIds = jdbc.sql("select distinct d.system_id from data_dataset d where " + scope.where("d.org_id"))
                    .params(scope.params()).query(Long.class).list();
            sql.param("kwSystems", DataNames.named(names.systemNames(systemIds), f.q())).param("kwOrgs", DataNames.named(names.orgNames(), f.q()))
                    .keyword(f, List.of("d.name", "d.description", "d.business_area", "d.storage_location"), "d.system_id in (:kwSystems)",
                            "d.org_id in (:kwOrgs)", "exists (select 1 from data_dataset_part dp where dp.dataset_id = d.id and lower(dp.name) like :kw"
                                    + Like.ESCAPE + ")");
        }
        long total = jdbc.sql("select count(*) from data_dataset d where " + sql.where()).params(sql.params()).query(Long.class).single();
        List<Dataset> rows = jdbc.sql("select * from data_dataset d where " + sql.where()
                        + " order by d.org_id, d.system_id, d.name, d.id limit :limit offset :offset").params(sql.paged(f))
                .query((rs, i) -> map(rs)).list();
        return new Page<>(complete(rows), total, f.page(), f.size());
    }

    /** The rows with their parts and the names of their unit and system: two more queries, whatever the number of rows. */
    private List<Dataset> complete(List<Dataset> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<Part>> parts = new HashMap<>();
        jdbc.sql("select * from data_dataset_part where dataset_id in (:ids) order by dataset_id, position")
                .param("ids", rows.stream().map(Dataset::id).toList())
                .query((rs, i) -> parts.computeIfAbsent(rs.getLong("dataset_id"), k -> new ArrayList<>())
                        .add(new Part(rs.getString("name"), PartKind.valueOf(rs.getString("kind")), Grade.valueOf(rs.getString("grade")))))
                .list();
        Map<Long, String> systemNames = names.systemNames(rows.stream().map(Dataset::systemId).toList());
        Map<Long, String> orgNames = names.orgNames();
        return rows.stream().map(d -> new Dataset(d.id(), d.orgId(), orgNames.getOrDefault(d.orgId(), ""), d.systemId(),
                systemNames.getOrDefault(d.systemId(), ""), d.name(), d.description(), d.businessArea(), d.volume(), d.storageLocation(),
                d.grade(), d.harmObject(), d.harmSeverity(), d.gradingNote(), parts.getOrDefault(d.id(), List.of()), d.updatedAt(),
                d.updatedBy())).toList();
    }

    private void insertParts(long id, List<Part> parts) {
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            jdbc.sql("insert into data_dataset_part (dataset_id, position, name, kind, grade) values (:d, :pos, :name, :kind, :grade)")
                    .param("d", id).param("pos", i).param("name", p.name().strip()).param("kind", p.kind().name()).param("grade", p.grade().name())
                    .update();
        }
    }

    private static Map<String, Object> params(DataAsset asset) {
        NewDataset d = asset.fields();
        Map<String, Object> p = new HashMap<>();
        p.put("system", d.systemId());
        p.put("name", d.name().strip());
        p.put("description", d.description().strip());
        p.put("area", d.businessArea().strip());
        p.put("volume", d.volume().strip());
        p.put("storage", d.storageLocation().strip());
        p.put("grade", asset.grade().name());
        p.put("object", d.harmObject().name());
        p.put("severity", d.harmSeverity().name());
        p.put("note", blank(d.gradingNote()) ? null : d.gradingNote().strip());
        return p;
    }

    private static Dataset map(ResultSet rs) throws SQLException {
        return new Dataset(rs.getLong("id"), rs.getLong("org_id"), null, rs.getLong("system_id"), null, rs.getString("name"),
                rs.getString("description"), rs.getString("business_area"), rs.getString("volume"), rs.getString("storage_location"),
                Grade.valueOf(rs.getString("grade")), HarmObject.valueOf(rs.getString("harm_object")),
                HarmSeverity.valueOf(rs.getString("harm_severity")), rs.getString("grading_note"), List.of(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"));
    }
}
