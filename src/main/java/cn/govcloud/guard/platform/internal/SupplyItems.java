package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.platform.internal.SupplyItem.Kind;
import cn.govcloud.guard.platform.internal.SupplyItem.State;
import cn.govcloud.guard.shared.OrgScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The supply-chain register ({@code platform_supply_item}, A5.5): every statement on a {@link SupplyItem}. */
@Repository
class SupplyItems {
    /** An in-use item that is a finding of A5.5: unassessed, rejected, without a valid agreement or matched by an advisory. */
    private static final String FINDING = "(i.removed_at is null and i.in_use and (i.state in ('PENDING','REJECTED') "
            + "or (i.kind <> 'OPEN_SOURCE' and (i.agreement_signed_on is null or i.agreement_valid_until < :today)) "
            + "or exists (select 1 from platform_advisory_match m where m.item_id = i.id)))";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    SupplyItems(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A proposed item (PENDING, not in use); a duplicate key is the caller's to refuse. */
    long insertProposed(long org, Kind kind, String name, String version, String supplier, String description, OffsetDateTime at,
                        String by) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into platform_supply_item (provider_org_id, item_key, kind, source, name, version, supplier, description, state, "
                        + "in_use, created_at, created_by) values (:org, :key, :kind, 'MANUAL', :name, :version, :supplier, :description, "
                        + "'PENDING', false, :at, :by)")
                .param("org", org).param("key", SupplyItem.key(kind, name, version)).param("kind", kind.name()).param("name", name)
                .param("version", version).param("supplier", supplier).param("description", description).param("at", at)
                .param("by", by).update(key, "id");
        return key.getKey().longValue();
    }

    /** New components of an SBOM, each row as the insert's parameters. */
    void insertListed(List<Object[]> rows) {
        template.batchUpdate("insert into platform_supply_item (provider_org_id, item_key, kind, source, name, version, purl, supplier, "
                + "licenses, description, sbom_subject, state, in_use, first_import_id, last_import_id, created_at, created_by) "
                + "values (?, ?, ?, 'SBOM', ?, ?, ?, ?, ?, ?, ?, 'PENDING', true, ?, ?, ?, ?)", rows);
    }

    /** Components listed again (rows of import id, item id): in use. */
    void listedAgain(List<Object[]> rows) {
        template.batchUpdate("update platform_supply_item set removed_at = null, in_use = true, last_import_id = ? where id = ?", rows);
    }

    void removed(List<Long> ids, OffsetDateTime at) {
        template.batchUpdate("update platform_supply_item set removed_at = ?, in_use = false where id = ?",
                ids.stream().map(id -> new Object[] {at, id}).toList());
    }

    void assessed(long id, State state, String risk, String conclusion, String conditions, String assessor, OffsetDateTime at, String by) {
        jdbc.sql("update platform_supply_item set state = :state, risk_level = :risk, conclusion = :conclusion, conditions = :conditions, "
                        + "assessor = :assessor, assessed_at = :at, assessed_by = :by where id = :id")
                .param("state", state.name()).param("risk", risk).param("conclusion", conclusion).param("conditions", conditions)
                .param("assessor", assessor).param("at", at).param("by", by).param("id", id).update();
    }

    void agreement(long id, String counterparty, LocalDate signedOn, LocalDate validUntil, String by) {
        jdbc.sql("update platform_supply_item set agreement_counterparty = :cp, agreement_signed_on = :signed, agreement_valid_until = :until, "
                        + "agreement_recorded_by = :by where id = :id")
                .param("cp", counterparty).param("signed", signedOn).param("until", validUntil).param("by", by).param("id", id).update();
    }

    void inUse(long id) {
        jdbc.sql("update platform_supply_item set in_use = true, removed_at = null where id = :id").param("id", id).update();
    }

    Optional<Long> firstImport(long id) {
        return jdbc.sql("select first_import_id from platform_supply_item where id = :id").param("id", id).query(Long.class).optional();
    }

    long pendingOfImport(long importId) {
        return jdbc.sql("select count(*) from platform_supply_item where first_import_id = :imp and state = 'PENDING'")
                .param("imp", importId).query(Long.class).single();
    }

    Optional<Long> idByPurl(long org, String purl) {
        return jdbc.sql("select id from platform_supply_item where purl = :p and provider_org_id = :org").param("p", purl)
                .param("org", org).query(Long.class).optional();
    }

    /** The listed (not removed) components with a purl, for advisory matching: id, purl, version. */
    void withPurl(long org, Consumer<ResultSet> row) {
        jdbc.sql("select id, purl, version from platform_supply_item where provider_org_id = :org and removed_at is null and purl is not null")
                .param("org", org).query((ResultSet rs) -> {
                    row.accept(rs);
                });
    }

    Optional<SupplyItem> find(long id, OrgScope scope) {
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        return jdbc.sql("select * from platform_supply_item i where i.id = :id and " + scope.where("i.provider_org_id")).params(params)
                .query((rs, n) -> map(rs, advisoriesOf(rs.getLong("id")))).optional();
    }

    private List<String> advisoriesOf(long itemId) {
        return jdbc.sql("select advisory_id from platform_advisory_match where item_id = :id order by advisory_id").param("id", itemId)
                .query(String.class).list();
    }

    /** Streams the register row by row (the Excel export of 20,000 components needs no list in memory). */
    void each(OrgScope scope, SupplyChainQueries.Filter f, LocalDate today, Consumer<SupplyItem> sink) {
        Map<String, Object> params = new HashMap<>(scope.params());
        StringBuilder sql = new StringBuilder("select i.* from platform_supply_item i where ").append(scope.where("i.provider_org_id"));
        if (f.state() != null && !f.state().isBlank()) {
            if ("REMOVED".equals(f.state())) {
                sql.append(" and i.removed_at is not null");
            } else {
                sql.append(" and i.state = :state and i.removed_at is null");
                params.put("state", f.state());
            }
        }
        if (f.kind() != null && !f.kind().isBlank()) {
            sql.append(" and i.kind = :kind");
            params.put("kind", f.kind());
        }
        if (f.q() != null && !f.q().isBlank()) {
            sql.append(" and (lower(i.name) like :q escape '\\' or lower(i.purl) like :q escape '\\')");
            params.put("q", cn.govcloud.guard.shared.Like.containing(f.q()));
        }
        if (f.findingsOnly()) {
            sql.append(" and ").append(FINDING);
            params.put("today", today);
        }
        sql.append(" order by i.removed_at nulls first, i.state, lower(i.name), i.version, i.id");
        if (f.limit() > 0) {
            sql.append(" limit ").append(f.limit());
        }
        Map<Long, List<String>> advisories = new HashMap<>();
        jdbc.sql("select m.item_id, m.advisory_id from platform_advisory_match m where " + scope.where("m.provider_org_id")
                        + " order by m.advisory_id").params(scope.params())
                .query((ResultSet rs) -> {
                    advisories.computeIfAbsent(rs.getLong("item_id"), k -> new ArrayList<>()).add(rs.getString("advisory_id"));
                });
        jdbc.sql(sql.toString()).params(params).query((ResultSet rs) -> {
            sink.accept(map(rs, advisories.getOrDefault(rs.getLong("id"), List.of())));
        });
    }

    /** The register's counts by state and by finding, as one row of column name → number. */
    Map<String, Object> counts(OrgScope scope, LocalDate today) {
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("today", today);
        return jdbc.sql("select count(*) as items, "
                        + "sum(case when i.removed_at is null and i.in_use then 1 else 0 end) as in_use, "
                        + "sum(case when i.removed_at is null and i.state = 'PENDING' then 1 else 0 end) as pending, "
                        + "sum(case when i.removed_at is null and i.state = 'APPROVED' then 1 else 0 end) as approved, "
                        + "sum(case when i.removed_at is null and i.state = 'CONDITIONAL' then 1 else 0 end) as conditional, "
                        + "sum(case when i.removed_at is null and i.state = 'REJECTED' then 1 else 0 end) as rejected, "
                        + "sum(case when i.removed_at is not null then 1 else 0 end) as removed, "
                        + "sum(case when i.removed_at is null and i.in_use and i.state = 'PENDING' then 1 else 0 end) as unassessed, "
                        + "sum(case when i.removed_at is null and i.in_use and i.state = 'REJECTED' then 1 else 0 end) as rejected_in_use, "
                        + "sum(case when i.removed_at is null and i.in_use and i.kind <> 'OPEN_SOURCE' and (i.agreement_signed_on is null "
                        + "or i.agreement_valid_until < :today) then 1 else 0 end) as no_agreement, "
                        + "sum(case when i.removed_at is null and i.in_use and exists (select 1 from platform_advisory_match m "
                        + "where m.item_id = i.id) then 1 else 0 end) as vulnerable "
                        + "from platform_supply_item i where " + scope.where("i.provider_org_id"))
                .params(params).query().singleRow();
    }

    private static SupplyItem map(ResultSet rs, List<String> advisories) throws SQLException {
        OffsetDateTime removed = rs.getObject("removed_at", OffsetDateTime.class);
        OffsetDateTime assessed = rs.getObject("assessed_at", OffsetDateTime.class);
        return new SupplyItem(rs.getLong("id"), rs.getLong("provider_org_id"), Kind.valueOf(rs.getString("kind")), rs.getString("source"),
                rs.getString("name"), rs.getString("version"), rs.getString("purl"), rs.getString("supplier"), rs.getString("licenses"),
                State.valueOf(rs.getString("state")), rs.getBoolean("in_use"), removed == null ? null : removed.toInstant(),
                rs.getString("risk_level"), rs.getString("conclusion"), rs.getString("conditions"), rs.getString("assessor"),
                assessed == null ? null : assessed.toInstant(), rs.getString("agreement_counterparty"),
                rs.getObject("agreement_signed_on", LocalDate.class), rs.getObject("agreement_valid_until", LocalDate.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), advisories);
    }
}
