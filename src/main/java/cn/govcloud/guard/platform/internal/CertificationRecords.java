package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.platform.internal.Certifications.Certification;
import cn.govcloud.guard.platform.internal.Certifications.Kind;
import cn.govcloud.guard.shared.OrgScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The certification register ({@code platform_certification}, A5.2): every statement on a report. */
@Repository
class CertificationRecords {
    /** A report, {@code expired} as of {@code :today} (computed here, never stored). */
    private static final String SELECT = "select c.*, (c.valid_until < :today) as expired from platform_certification c";

    private final JdbcClient jdbc;

    CertificationRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(long org, Kind kind, String reportNumber) {
        return jdbc.sql("select count(*) from platform_certification where provider_org_id = :org and kind = :kind and report_number = :no")
                .param("org", org).param("kind", kind.name()).param("no", reportNumber).query(Long.class).single() > 0;
    }

    /** A new report; a duplicate key is the caller's to refuse. */
    long insert(long org, Kind kind, String reportNumber, String agency, LocalDate issued, LocalDate validUntil, String conclusion,
                OffsetDateTime at, String by) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into platform_certification (provider_org_id, kind, report_number, agency, issue_date, valid_until, conclusion, "
                        + "recorded_at, recorded_by) values (:org, :kind, :no, :agency, :issued, :until, :conclusion, :at, :by)")
                .param("org", org).param("kind", kind.name()).param("no", reportNumber).param("agency", agency).param("issued", issued)
                .param("until", validUntil).param("conclusion", conclusion).param("at", at).param("by", by).update(key, "id");
        return key.getKey().longValue();
    }

    void filingDuty(long id, long dutyId) {
        jdbc.sql("update platform_certification set filing_duty_id = :duty where id = :id").param("duty", dutyId).param("id", id).update();
    }

    /** Newest first; {@code expired} as of {@code today}. */
    List<Certification> list(OrgScope scope, LocalDate today) {
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("today", today);
        return jdbc.sql(SELECT + " where " + scope.where("c.provider_org_id") + " order by c.issue_date desc, c.id desc").params(params)
                .query((rs, i) -> map(rs)).list();
    }

    Optional<Certification> find(long id, OrgScope scope, LocalDate today) {
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        params.put("today", today);
        return jdbc.sql(SELECT + " where c.id = :id and " + scope.where("c.provider_org_id")).params(params)
                .query((rs, i) -> map(rs)).optional();
    }

    private static Certification map(ResultSet rs) throws SQLException {
        Kind kind = Kind.valueOf(rs.getString("kind"));
        LocalDate issued = rs.getObject("issue_date", LocalDate.class);
        LocalDate until = rs.getObject("valid_until", LocalDate.class);
        long duty = rs.getLong("filing_duty_id");
        Long dutyId = rs.wasNull() ? null : duty;
        return new Certification(rs.getLong("id"), rs.getLong("provider_org_id"), kind, rs.getString("report_number"),
                rs.getString("agency"), issued, until, rs.getString("conclusion"), dutyId,
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"), null,
                kind.nextDue(issued, until), rs.getBoolean("expired"));
    }
}
