package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.hazards.HazardYearFigures;
import cn.govcloud.guard.shared.SqlLiterals;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@link HazardYearFigures} in one GROUP BY over the notified-at index ({@code hazards_hazard_notified}). */
@Repository
@Transactional(readOnly = true)
class HazardYearFiguresQuery implements HazardYearFigures {
    private static final String DONE = "h.status in ('FEEDBACK_SUBMITTED','CLOSED','RISK_ACCEPTED')";

    private final JdbcClient jdbc;

    HazardYearFiguresQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Group> notified(Instant from, Instant to) {
        return jdbc.sql("select h.org_id, h.source, h.severity, count(*), "
                        + "sum(case when " + HazardOutcomeQueries.ON_TIME + " then 1 else 0 end), "
                        + "sum(case when " + DONE + " and h.overdue_at is not null then 1 else 0 end), "
                        + "sum(case when " + DONE + " then 0 else 1 end), "
                        + "sum(case when not " + DONE + " and h.overdue_at is not null then 1 else 0 end) "
                        + "from hazards_hazard h where h.notified_at >= " + SqlLiterals.timestamp(from) + " and h.notified_at < "
                        + SqlLiterals.timestamp(to) + " group by h.org_id, h.source, h.severity")
                .query((rs, i) -> new Group(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8))).list();
    }
}
