package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.LegalBasis;
import cn.govcloud.guard.data.DataSecurity.NewTransfer;
import cn.govcloud.guard.data.DataSecurity.TransferStatus;
import cn.govcloud.guard.shared.ListFilter;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.shared.Page;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of the cross-border register (A8.3): {@code data_transfer}. */
@Repository
class TransferStore {
    private static final String SELECT = "select t.*, d.name as dataset_name, d.grade as dataset_grade from data_transfer t "
            + "join data_dataset d on d.id = t.dataset_id ";
    private static final String ORDER = " order by t.recorded_at desc, t.id desc";

    private final JdbcClient jdbc;
    private final DataNames names;

    TransferStore(JdbcClient jdbc, DataNames names) {
        this.jdbc = jdbc;
        this.names = names;
    }

    long insert(long orgId, NewTransfer t, OffsetDateTime at, String by) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", orgId);
        params.put("d", t.datasetId());
        params.put("recipient", t.recipient().strip());
        params.put("country", t.country().strip());
        params.put("purpose", t.purpose().strip());
        params.put("basis", t.legalBasis().name());
        params.put("status", t.status().name());
        params.put("until", t.validUntil());
        params.put("at", at);
        params.put("by", by);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into data_transfer (org_id, dataset_id, recipient, country, purpose, legal_basis, status, valid_until, recorded_at, "
                + "recorded_by, updated_at, updated_by) values (:org, :d, :recipient, :country, :purpose, :basis, :status, :until, :at, :by, :at, :by)")
                .params(params).update(key, "id");
        return key.getKey().longValue();
    }

    void updateBasis(long id, LegalBasis basis, TransferStatus status, LocalDate validUntil, OffsetDateTime at, String by) {
        jdbc.sql("update data_transfer set legal_basis = :basis, status = :status, valid_until = :until, updated_at = :at, updated_by = :by "
                        + "where id = :id").param("basis", basis.name()).param("status", status.name()).param("until", validUntil)
                .param("at", at).param("by", by).param("id", id).update();
    }

    /** The transfers in scope matching {@code where} (on alias {@code t}), newest first, with their data set's name and grade. */
    List<Transfer> find(OrgScope scope, String where, Map<String, Object> extra) {
        Map<String, Object> params = new HashMap<>(scope.params());
        params.putAll(extra);
        return query(SELECT + "where " + scope.where("t.org_id") + " and " + where + ORDER, params);
    }

    /**
     * One page of the register in scope that {@code search} asks for (issue 23 point 11), all of it in SQL: the keyword
     * in the recipient, country, purpose, the data set's name and the unit's name (resolved once to ids), the unit,
     * the status, the set's grade and the validity ({@code week}: ends within seven days of {@code today}; {@code past}:
     * ended before it).
     */
    Page<Transfer> page(OrgScope scope, DataSearch search, LocalDate today) {
        ListFilter f = search.filter();
        ListSql sql = new ListSql(scope, "t.org_id").equal("t.org_id", "unit", f.unit()).equal("t.status", "status", f.state())
                .equal("d.grade", "grade", search.grade() == null ? null : search.grade().name());
        if ("week".equals(f.due())) {
            sql.and("t.valid_until >= :today and t.valid_until <= :weekEnd").param("today", today).param("weekEnd", today.plusDays(7));
        } else if ("past".equals(f.due())) {
            sql.and("t.valid_until < :today").param("today", today);
        }
        if (f.q() != null) {
            sql.param("kwOrgs", DataNames.named(names.orgNames(), f.q()))
                    .keyword(f, List.of("t.recipient", "t.country", "t.purpose", "d.name"), "t.org_id in (:kwOrgs)");
        }
        long total = jdbc.sql("select count(*) from data_transfer t join data_dataset d on d.id = t.dataset_id where " + sql.where())
                .params(sql.params()).query(Long.class).single();
        return new Page<>(query(SELECT + "where " + sql.where() + ORDER + " limit :limit offset :offset", sql.paged(f)), total, f.page(), f.size());
    }

    private List<Transfer> query(String sql, Map<String, Object> params) {
        Map<Long, String> orgNames = names.orgNames();
        return jdbc.sql(sql).params(params)
                .query((rs, i) -> new Transfer(rs.getLong("id"), rs.getLong("org_id"), orgNames.getOrDefault(rs.getLong("org_id"), ""),
                        rs.getLong("dataset_id"), rs.getString("dataset_name"), Grade.valueOf(rs.getString("dataset_grade")), rs.getString("recipient"),
                        rs.getString("country"), rs.getString("purpose"), LegalBasis.valueOf(rs.getString("legal_basis")),
                        TransferStatus.valueOf(rs.getString("status")), rs.getObject("valid_until", LocalDate.class),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"))).list();
    }
}
