package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.platform.CertificationFigures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@link CertificationFigures}: one query for the reports, one call for all their filing duties. */
@Repository
@Transactional(readOnly = true)
class CertificationFiguresQuery implements CertificationFigures {
    private static final String COLUMNS = "select c.id, c.provider_org_id, c.kind, c.report_number, c.agency, c.issue_date, c.valid_until, "
            + "c.conclusion, c.filing_duty_id from platform_certification c ";

    private final JdbcClient jdbc;
    private final Duties duties;

    CertificationFiguresQuery(JdbcClient jdbc, Duties duties) {
        this.jdbc = jdbc;
        this.duties = duties;
    }

    @Override
    public List<Report> issued(LocalDate from, LocalDate to) {
        return withFilings(jdbc.sql(COLUMNS + "where c.issue_date between :from and :to order by c.issue_date, c.id")
                .param("from", from).param("to", to).query((rs, i) -> row(rs)).list());
    }

    @Override
    public List<Report> inForce(LocalDate day) {
        return withFilings(jdbc.sql(COLUMNS + "where c.issue_date <= :day and c.valid_until >= :day and not exists (select 1 from "
                        + "platform_certification n where n.provider_org_id = c.provider_org_id and n.kind = c.kind and n.issue_date <= :day "
                        + "and (n.issue_date > c.issue_date or (n.issue_date = c.issue_date and n.id > c.id))) order by c.provider_org_id, c.kind")
                .param("day", day).query((rs, i) -> row(rs)).list());
    }

    private record Row(long providerOrgId, String kind, String reportNumber, String agency, LocalDate issueDate, LocalDate validUntil,
                       String conclusion, Long dutyId) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        long duty = rs.getLong("filing_duty_id");
        return new Row(rs.getLong("provider_org_id"), rs.getString("kind"), rs.getString("report_number"), rs.getString("agency"),
                rs.getObject("issue_date", LocalDate.class), rs.getObject("valid_until", LocalDate.class), rs.getString("conclusion"),
                rs.wasNull() ? null : duty);
    }

    private List<Report> withFilings(List<Row> rows) {
        Map<Long, Duty> filings = new HashMap<>();
        List<Long> ids = rows.stream().map(Row::dutyId).filter(Objects::nonNull).toList();
        if (!ids.isEmpty()) {
            duties.find(ids).forEach(d -> filings.put(d.id(), d));
        }
        return rows.stream().map(r -> {
            Duty d = r.dutyId() == null ? null : filings.get(r.dutyId());
            return new Report(r.providerOrgId(), r.kind(), r.reportNumber(), r.agency(), r.issueDate(), r.validUntil(), r.conclusion(),
                    d == null ? null : d.dueDate(), filing(d));
        }).toList();
    }

    static String filing(Duty d) {
        if (d == null) {
            return "NONE";
        }
        if (d.state() == DutyState.WAIVED) {
            return "WAIVED";
        }
        if (d.state() == DutyState.SUBMITTED || d.state() == DutyState.ACCEPTED) {
            return d.overdueAt() == null ? "ON_TIME" : "LATE";
        }
        return d.overdueAt() != null || d.state() == DutyState.OVERDUE ? "OVERDUE" : "OPEN";
    }
}
