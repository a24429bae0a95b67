package cn.govcloud.guard.systems.ledger.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of the ledger's table ({@code systems_assessment}). */
@Repository
class Filings {
    private final JdbcClient jdbc;

    Filings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(Filing f) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into systems_assessment (system_id, kind, assessed_on, conclusion, mlps_level, issuer, report_number, valid_until, "
                        + "document_id, high_risks, remarks, source, duty_id, recorded_at, recorded_by) values (:system, :kind, :on, :conclusion, "
                        + ":level, :issuer, :number, :until, :document, :risks, :remarks, :source, :duty, :at, :by)")
                .param("system", f.systemId()).param("kind", f.kind().name()).param("on", f.assessedOn()).param("conclusion", f.conclusion())
                .param("level", f.mlpsLevel()).param("issuer", f.issuer()).param("number", f.reportNumber()).param("until", f.validUntil())
                .param("document", f.documentId()).param("risks", f.highRisks()).param("remarks", f.remarks()).param("source", f.source())
                .param("duty", f.dutyId()).param("at", f.recordedAt().atOffset(ZoneOffset.UTC)).param("by", f.recordedBy())
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** A system's filings, latest first. */
    List<Filing> ofSystem(long systemId) {
        return jdbc.sql("select * from systems_assessment where system_id = :s order by assessed_on desc, id desc").param("s", systemId)
                .query(Filings::map).list();
    }

    boolean existsForDuty(long dutyId) {
        return jdbc.sql("select count(*) from systems_assessment where duty_id = :d").param("d", dutyId).query(Long.class).single() > 0;
    }

    /** The filing of one kind of these systems dated in [from, to) that fulfils no duty yet, earliest first. */
    List<Filing> unlinked(Collection<Long> systemIds, AssessmentKind kind, LocalDate from, LocalDate to) {
        if (systemIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from systems_assessment where system_id in (:ids) and kind = :kind and duty_id is null "
                        + "and assessed_on >= :from and assessed_on < :to order by assessed_on, id")
                .param("ids", systemIds).param("kind", kind.name()).param("from", from).param("to", to).query(Filings::map).list();
    }

    void link(long filingId, long dutyId) {
        jdbc.sql("update systems_assessment set duty_id = :d where id = :id").param("d", dutyId).param("id", filingId).update();
    }

    /** Per system and kind, the date of the latest filing (one grouped query for the whole city). */
    Map<Long, Map<AssessmentKind, LocalDate>> latest() {
        Map<Long, Map<AssessmentKind, LocalDate>> latest = new HashMap<>();
        jdbc.sql("select system_id, kind, max(assessed_on) as latest from systems_assessment group by system_id, kind")
                .query((rs, i) -> latest.computeIfAbsent(rs.getLong("system_id"), k -> new HashMap<>())
                        .put(AssessmentKind.valueOf(rs.getString("kind")), rs.getObject("latest", LocalDate.class)))
                .list();
        return latest;
    }

    private static Filing map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime at = rs.getObject("recorded_at", OffsetDateTime.class);
        return new Filing(rs.getLong("id"), rs.getLong("system_id"), AssessmentKind.valueOf(rs.getString("kind")),
                rs.getObject("assessed_on", LocalDate.class), rs.getString("conclusion"), (Integer) rs.getObject("mlps_level", Integer.class),
                rs.getString("issuer"), rs.getString("report_number"), rs.getObject("valid_until", LocalDate.class),
                rs.getObject("document_id", Long.class), rs.getObject("high_risks", Integer.class), rs.getString("remarks"),
                rs.getString("source"), rs.getObject("duty_id", Long.class), at == null ? null : at.toInstant(), rs.getString("recorded_by"));
    }
}
