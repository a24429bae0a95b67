package cn.govcloud.guard.systems.internal;

import static cn.govcloud.guard.systems.internal.SystemRepository.instant;
import static cn.govcloud.guard.systems.internal.SystemRepository.ts;

import cn.govcloud.guard.systems.internal.Contractors.Contractor;
import cn.govcloud.guard.systems.internal.Contractors.ContractorRole;
import cn.govcloud.guard.systems.internal.Protections.Measure;
import cn.govcloud.guard.systems.internal.Protections.Protection;
import cn.govcloud.guard.systems.internal.Verification.Item;
import cn.govcloud.guard.systems.internal.Verification.ItemDetails;
import cn.govcloud.guard.systems.internal.Verification.ItemKind;
import cn.govcloud.guard.systems.internal.Verification.ItemStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The SQL of what a unit proves about its system: the four verification items (A11.2), the six protection measures
 * (A7.1) and the contractors with their agreements (A7.2). Each is part of the hosted-system aggregate, keyed by its id.
 */
@Repository
class SystemEvidence {
    private final JdbcClient jdbc;
    private final Clock clock;

    SystemEvidence(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    // ---- verification items (A11.2) ----------------------------------------------------------------

    /** Stores (or replaces) an item as SUBMITTED; its certificate details only for the 等保 certificate. */
    void submitItem(long id, ItemKind kind, long documentId, ItemDetails d, Instant now, String by) {
        boolean mlps = kind == ItemKind.MLPS_CERTIFICATE;
        Map<String, Object> params = new HashMap<>();
        params.put("s", id);
        params.put("k", kind.name());
        params.put("d", documentId);
        params.put("no", mlps ? d.certNumber().strip() : null);
        params.put("date", mlps ? d.certDate() : null);
        params.put("c", mlps ? d.conclusion().strip() : null);
        params.put("until", mlps ? d.validUntil() : null);
        params.put("level", mlps ? d.certLevel() : null);
        params.put("now", ts(now));
        params.put("by", by);
        int updated = jdbc.sql("update systems_verification_item set document_id = :d, cert_number = :no, cert_date = :date, conclusion = :c, "
                + "valid_until = :until, cert_level = :level, status = 'SUBMITTED', review_reason = null, uploaded_at = :now, uploaded_by = :by, reviewed_at = null, "
                + "reviewed_by = null where system_id = :s and kind = :k").params(params).update();
        if (updated == 0) {
            jdbc.sql("insert into systems_verification_item (system_id, kind, document_id, cert_number, cert_date, conclusion, valid_until, "
                    + "cert_level, status, uploaded_at, uploaded_by) values (:s, :k, :d, :no, :date, :c, :until, :level, 'SUBMITTED', :now, :by)")
                    .params(params).update();
        }
    }

    void reviewItem(long id, ItemKind kind, ItemStatus status, String reason, Instant now, String by) {
        jdbc.sql("update systems_verification_item set status = :st, review_reason = :r, reviewed_at = :now, reviewed_by = :by "
                        + "where system_id = :s and kind = :k")
                .param("st", status.name()).param("r", reason).param("now", ts(now)).param("by", by).param("s", id).param("k", kind.name())
                .update();
    }

    Map<ItemKind, Item> items(long id) {
        Map<ItemKind, Item> items = new EnumMap<>(ItemKind.class);
        jdbc.sql("select * from systems_verification_item where system_id = :id").param("id", id).query((rs, i) -> {
            Item item = new Item(ItemKind.valueOf(rs.getString("kind")), rs.getLong("document_id"), rs.getString("cert_number"),
                    rs.getObject("cert_date", LocalDate.class), rs.getString("conclusion"), rs.getObject("valid_until", LocalDate.class),
                    ItemStatus.valueOf(rs.getString("status")), rs.getString("review_reason"), instant(rs, "uploaded_at"),
                    rs.getString("uploaded_by"), instant(rs, "reviewed_at"), rs.getString("reviewed_by"),
                    (Integer) rs.getObject("cert_level", Integer.class));
            items.put(item.kind(), item);
            return item;
        }).list();
        return items;
    }

    // ---- protection measures (A7.1) ------------------------------------------------------------------

    void declare(long id, Measure measure, boolean present, String detail, Long documentId, Instant now, String by) {
        Map<String, Object> params = new HashMap<>();
        params.put("s", id);
        params.put("m", measure.name());
        params.put("p", present);
        params.put("d", detail);
        params.put("doc", documentId);
        params.put("now", ts(now));
        params.put("by", by);
        int updated = jdbc.sql("update systems_protection set present = :p, detail = :d, document_id = coalesce(:doc, document_id), "
                + "declared_at = :now, declared_by = :by where system_id = :s and measure = :m").params(params).update();
        if (updated == 0) {
            jdbc.sql("insert into systems_protection (system_id, measure, present, detail, document_id, declared_at, declared_by) "
                    + "values (:s, :m, :p, :d, :doc, :now, :by)").params(params).update();
        }
    }

    Map<Measure, Protection> protections(long id) {
        Map<Measure, Protection> result = new EnumMap<>(Measure.class);
        jdbc.sql("select * from systems_protection where system_id = :id").param("id", id).query((rs, i) -> {
            long doc = rs.getLong("document_id");
            Long documentId = rs.wasNull() ? null : doc;
            Protection p = new Protection(Measure.valueOf(rs.getString("measure")), rs.getBoolean("present"), rs.getString("detail"),
                    documentId, instant(rs, "declared_at"), rs.getString("declared_by"));
            result.put(p.measure(), p);
            return p;
        }).list();
        return result;
    }

    // ---- contractors (A7.2) ----------------------------------------------------------------------------

    long engage(long id, String name, ContractorRole role, String dataAccess, Instant now, String by) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into systems_contractor (system_id, name, contractor_role, data_access, engaged_at, engaged_by) "
                        + "values (:s, :n, :r, :a, :now, :by)")
                .param("s", id).param("n", name).param("r", role.name()).param("a", dataAccess).param("now", ts(now)).param("by", by)
                .update(key, "id");
        return key.getKey().longValue();
    }

    void contractorAgreements(long contractorId, long confidentialityId, long responsibilityId, LocalDate signedOn, LocalDate expiresOn) {
        jdbc.sql("update systems_contractor set confidentiality_document_id = :c, responsibility_document_id = :r, signed_on = :on, "
                        + "expires_on = :until where id = :id")
                .param("c", confidentialityId).param("r", responsibilityId).param("on", signedOn).param("until", expiresOn)
                .param("id", contractorId).update();
    }

    List<Contractor> contractors(long id) {
        return jdbc.sql("select * from systems_contractor where system_id = :s order by id").param("s", id).query((rs, i) -> contractor(rs)).list();
    }

    Optional<Contractor> contractor(long id, long contractorId) {
        return jdbc.sql("select * from systems_contractor where system_id = :s and id = :id").param("s", id).param("id", contractorId)
                .query((rs, i) -> contractor(rs)).optional();
    }

    private Contractor contractor(ResultSet rs) throws SQLException {
        long conf = rs.getLong("confidentiality_document_id");
        Long confId = rs.wasNull() ? null : conf;
        long resp = rs.getLong("responsibility_document_id");
        Long respId = rs.wasNull() ? null : resp;
        LocalDate expires = rs.getObject("expires_on", LocalDate.class);
        return new Contractor(rs.getLong("id"), rs.getLong("system_id"), rs.getString("name"),
                ContractorRole.valueOf(rs.getString("contractor_role")), rs.getString("data_access"), confId, respId,
                rs.getObject("signed_on", LocalDate.class), expires, instant(rs, "engaged_at"), rs.getString("engaged_by"),
                expires != null && expires.isBefore(Checks.today(clock)));
    }
}
