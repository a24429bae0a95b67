package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.hazards.HazardOutcomes;
import cn.govcloud.guard.shared.SqlLiterals;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link HazardOutcomes} in SQL, with the hazards figures' rule: fed back (or closed) and never overdue is on time. */
@Repository
class HazardOutcomeQueries implements HazardOutcomes {
    /** The range as literals: a generic plan for a parameterised year walks an index over most of the table ({@link SqlLiterals}). */
    static String counted(LocalDate from, LocalDate to, Instant now) {
        return "h.effective_due_date >= " + SqlLiterals.date(from) + " and h.effective_due_date <= " + SqlLiterals.date(to)
                + " and (h.effective_due_at <= " + SqlLiterals.timestamp(now) + " or h.closed_at is not null or h.status = 'FEEDBACK_SUBMITTED')";
    }
    /**
     * A10.2 and issue 17: the unit's clock stops at its written feedback, so on time is "fed back (or risk accepted)
     * and never overdue while the unit's clock ran", whenever the warner verifies. A feedback awaiting verification
     * counts as on time; a return restarts the clock, and a late second feedback then makes it late.
     */
    static final String ON_TIME = "(h.overdue_at is null and h.status in ('FEEDBACK_SUBMITTED','CLOSED','RISK_ACCEPTED'))";

    private final JdbcClient jdbc;

    HazardOutcomeQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Tally> tally(LocalDate from, LocalDate to, Instant now) {
        return jdbc.sql("select h.org_id, count(*), sum(case when " + ON_TIME + " then 1 else 0 end) from hazards_hazard h where "
                        + counted(from, to, now) + " group by h.org_id")
                .query((rs, i) -> new Tally(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    @Override
    public java.util.Optional<Tally> tallyOf(long orgId, LocalDate from, LocalDate to, Instant now) {
        return jdbc.sql("select h.org_id, count(*), sum(case when " + ON_TIME + " then 1 else 0 end) from hazards_hazard h where h.org_id = :org and "
                        + counted(from, to, now) + " group by h.org_id")
                .param("org", orgId)
                .query((rs, i) -> new Tally(rs.getLong(1), rs.getLong(2), rs.getLong(3))).optional();
    }

    @Override
    public List<Outcome> outcomes(long orgId, LocalDate from, LocalDate to, Instant now) {
        return jdbc.sql("select h.id, h.title, h.system_name, h.severity, h.status, h.effective_due_date, h.closed_at, "
                        + "case when " + ON_TIME + " then 1 else 0 end as on_time from hazards_hazard h where h.org_id = :org and " + counted(from, to, now)
                        + " order by h.effective_due_date, h.id")
                .param("org", orgId)
                .query((rs, i) -> {
                    OffsetDateTime closed = rs.getObject("closed_at", OffsetDateTime.class);
                    return new Outcome(rs.getLong("id"), rs.getString("title"), rs.getString("system_name"), rs.getString("severity"),
                            rs.getString("status"), rs.getObject("effective_due_date", LocalDate.class), closed == null ? null : closed.toInstant(),
                            rs.getInt("on_time") == 1);
                }).list();
    }
}
