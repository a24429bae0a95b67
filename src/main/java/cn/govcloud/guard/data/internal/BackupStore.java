package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.data.DataSecurity.Location;
import cn.govcloud.guard.data.DataSecurity.NewBackup;
import cn.govcloud.guard.data.DataSecurity.NewPolicy;
import cn.govcloud.guard.data.DataSecurity.NewRestoreTest;
import cn.govcloud.guard.data.DataSecurity.Result;
import cn.govcloud.guard.shared.OrgScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of backup policies, backup runs and restore tests (A7.1, A8.2). */
@Repository
class BackupStore {
    private final JdbcClient jdbc;
    private final DataNames names;

    BackupStore(JdbcClient jdbc, DataNames names) {
        this.jdbc = jdbc;
        this.names = names;
    }

    /** Creates the policy of the system (or of its data set) or replaces the one it has; returns its id. */
    long savePolicy(long orgId, long systemId, NewPolicy p, OffsetDateTime at, String by) {
        Optional<Long> existing = jdbc.sql("select id from data_backup_policy where system_id = :s and "
                        + (p.datasetId() == null ? "dataset_id is null" : "dataset_id = :d"))
                .param("s", systemId).params(p.datasetId() == null ? Map.of() : Map.of("d", p.datasetId())).query(Long.class).optional();
        Map<String, Object> params = new HashMap<>();
        params.put("org", orgId);
        params.put("s", systemId);
        params.put("d", p.datasetId());
        params.put("local", p.localCopy());
        params.put("offsite", p.offsiteCopy());
        params.put("where", DataChecks.stripped(p.offsiteLocation()));
        params.put("every", p.everyHours());
        params.put("retention", p.retentionDays());
        params.put("rto", p.rtoHours());
        params.put("rpo", p.rpoHours());
        params.put("at", at);
        params.put("by", by);
        if (existing.isPresent()) {
            params.put("id", existing.get());
            jdbc.sql("update data_backup_policy set local_copy = :local, offsite_copy = :offsite, offsite_location = :where, every_hours = :every, "
                    + "retention_days = :retention, rto_hours = :rto, rpo_hours = :rpo, updated_at = :at, updated_by = :by where id = :id")
                    .params(params).update();
            return existing.get();
        }
        return insert("insert into data_backup_policy (org_id, system_id, dataset_id, local_copy, offsite_copy, offsite_location, every_hours, "
                + "retention_days, rto_hours, rpo_hours, updated_at, updated_by) values (:org, :s, :d, :local, :offsite, :where, :every, "
                + ":retention, :rto, :rpo, :at, :by)", params);
    }

    long insertBackup(Policy policy, NewBackup b, OffsetDateTime at, String by) {
        Map<String, Object> params = recordParams(policy, b.result(), b.location(), b.note(), at, by);
        params.put("ran", b.ranAt().atOffset(ZoneOffset.UTC));
        params.put("size", b.sizeBytes());
        params.put("detail", DataChecks.stripped(b.locationDetail()));
        return insert("insert into data_backup_record (policy_id, org_id, ran_at, result, size_bytes, location, location_detail, note, recorded_at, "
                + "recorded_by) values (:p, :org, :ran, :result, :size, :location, :detail, :note, :at, :by)", params);
    }

    long insertRestoreTest(Policy policy, NewRestoreTest t, OffsetDateTime at, String by) {
        Map<String, Object> params = recordParams(policy, t.result(), t.location(), t.note(), at, by);
        params.put("tested", t.testedAt().atOffset(ZoneOffset.UTC));
        params.put("minutes", t.recoveredMinutes());
        return insert("insert into data_restore_test (policy_id, org_id, tested_at, result, location, recovered_minutes, note, recorded_at, recorded_by) "
                + "values (:p, :org, :tested, :result, :location, :minutes, :note, :at, :by)", params);
    }

    private static Map<String, Object> recordParams(Policy policy, Result result, Location location, String note, OffsetDateTime at, String by) {
        Map<String, Object> params = new HashMap<>();
        params.put("p", policy.id());
        params.put("org", policy.orgId());
        params.put("result", result.name());
        params.put("location", location.name());
        params.put("note", DataChecks.stripped(note));
        params.put("at", at);
        params.put("by", by);
        return params;
    }

    /** Inserts a row and answers its generated id. */
    private long insert(String sql, Map<String, Object> params) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql(sql).params(params).update(key, "id");
        return key.getKey().longValue();
    }

    /** The policies in scope matching {@code where} (on alias {@code p}), with the names of their systems and data sets. */
    List<Policy> policies(OrgScope scope, String where, Map<String, Object> extra) {
        Map<String, Object> params = new HashMap<>(scope.params());
        params.putAll(extra);
        List<Policy> rows = jdbc.sql("select p.*, d.name as dataset_name from data_backup_policy p left join data_dataset d on d.id = p.dataset_id "
                        + "where " + scope.where("p.org_id") + " and " + where + " order by p.system_id, p.dataset_id nulls first, p.id")
                .params(params).query((rs, i) -> {
                    long dataset = rs.getLong("dataset_id");
                    Long datasetId = rs.wasNull() ? null : dataset;
                    return new Policy(rs.getLong("id"), rs.getLong("org_id"), rs.getLong("system_id"), null, datasetId, rs.getString("dataset_name"),
                            rs.getBoolean("local_copy"), rs.getBoolean("offsite_copy"), rs.getString("offsite_location"), rs.getInt("every_hours"),
                            rs.getInt("retention_days"), rs.getInt("rto_hours"), rs.getInt("rpo_hours"),
                            rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"));
                }).list();
        Map<Long, String> systemNames = names.systemNames(rows.stream().map(Policy::systemId).toList());
        return rows.stream().map(p -> new Policy(p.id(), p.orgId(), p.systemId(), systemNames.getOrDefault(p.systemId(), ""), p.datasetId(),
                p.datasetName(), p.localCopy(), p.offsiteCopy(), p.offsiteLocation(), p.everyHours(), p.retentionDays(), p.rtoHours(),
                p.rpoHours(), p.updatedAt(), p.updatedBy())).toList();
    }

    List<Backup> backups(long policyId) {
        return jdbc.sql("select * from data_backup_record where policy_id = :p order by ran_at desc, id desc").param("p", policyId)
                .query((rs, i) -> {
                    long size = rs.getLong("size_bytes");
                    Long sizeBytes = rs.wasNull() ? null : size;
                    return new Backup(rs.getLong("id"), rs.getLong("policy_id"), rs.getObject("ran_at", OffsetDateTime.class).toInstant(),
                            Result.valueOf(rs.getString("result")), sizeBytes, Location.valueOf(rs.getString("location")),
                            rs.getString("location_detail"), rs.getString("note"), rs.getString("recorded_by"));
                }).list();
    }

    List<RestoreTest> restoreTests(long policyId) {
        return jdbc.sql("select * from data_restore_test where policy_id = :p order by tested_at desc, id desc").param("p", policyId)
                .query((rs, i) -> {
                    int minutes = rs.getInt("recovered_minutes");
                    return restoreTest(rs, rs.wasNull() ? null : minutes, rs.getString("note"));
                }).list();
    }

    /** The latest successful backup of every policy in scope (for the findings; one query). */
    Map<Long, java.time.Instant> lastSuccessfulBackups(OrgScope scope) {
        Map<Long, java.time.Instant> last = new HashMap<>();
        jdbc.sql("select policy_id, max(ran_at) as last_at from data_backup_record b where result = 'SUCCESS' and " + scope.where("b.org_id")
                        + " group by policy_id").params(scope.params())
                .query((rs, i) -> last.put(rs.getLong("policy_id"), rs.getObject("last_at", OffsetDateTime.class).toInstant())).list();
        return last;
    }

    /** Every restore test in scope by policy, latest first (for the findings; one query). */
    Map<Long, List<RestoreTest>> restoreTestsByPolicy(OrgScope scope) {
        return jdbc.sql("select * from data_restore_test t where " + scope.where("t.org_id") + " order by tested_at desc, id desc")
                .params(scope.params()).query((rs, i) -> restoreTest(rs, null, null))
                .list().stream().collect(Collectors.groupingBy(RestoreTest::policyId, LinkedHashMap::new, Collectors.toList()));
    }

    private static RestoreTest restoreTest(ResultSet rs, Integer recoveredMinutes, String note) throws SQLException {
        return new RestoreTest(rs.getLong("id"), rs.getLong("policy_id"), rs.getObject("tested_at", OffsetDateTime.class).toInstant(),
                Result.valueOf(rs.getString("result")), Location.valueOf(rs.getString("location")), recoveredMinutes, note,
                rs.getString("recorded_by"));
    }
}
