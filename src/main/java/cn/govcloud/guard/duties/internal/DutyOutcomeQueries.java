package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.duties.DutyOutcomes;
import cn.govcloud.guard.shared.SqlLiterals;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link DutyOutcomes} in SQL: the rule for "on time" lives in one expression used by both queries. */
@Repository
class DutyOutcomeQueries implements DutyOutcomes {
    /**
     * Submitted or accepted, never overdue, no late submission, and done by the due time. The first
     * submission and the late flag are kept on the duty as submissions are recorded ({@code Submissions}),
     * so this reads the duty's own row only.
     */
    static final String ON_TIME = "(d.state in ('SUBMITTED','ACCEPTED') and d.overdue_at is null and d.submitted_late = false "
            + "and (d.first_submitted_at <= d.due_at or (d.closed_at is not null and d.closed_at <= d.due_at)))";

    private final JdbcClient jdbc;

    DutyOutcomeQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Tally> tally(Selection selection) {
        Map<String, Object> params = new HashMap<>();
        String where = where(selection, params);
        return jdbc.sql("select d.org_id, count(*), sum(case when " + ON_TIME + " then 1 else 0 end) from duties_duty d where " + where
                        + " group by d.org_id")
                .params(params).query((rs, i) -> new Tally(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    @Override
    public List<Outcome> outcomes(long orgId, Selection selection) {
        Map<String, Object> params = new HashMap<>();
        String where = where(selection, params) + " and d.org_id = :org";
        params.put("org", orgId);
        return jdbc.sql("select d.id, d.rule_id, d.subject_name, d.due_date, d.state, "
                        + "coalesce(d.first_submitted_at, d.closed_at) as done_at, "
                        + "case when " + ON_TIME + " then 1 else 0 end as on_time from duties_duty d where " + where
                        + " order by d.due_date, d.id")
                .params(params)
                .query((rs, i) -> {
                    OffsetDateTime done = rs.getObject("done_at", OffsetDateTime.class);
                    return new Outcome(rs.getLong("id"), rs.getString("rule_id"), rs.getString("subject_name"),
                            rs.getObject("due_date", LocalDate.class), done == null ? null : done.toInstant(), rs.getString("state"),
                            rs.getInt("on_time") == 1);
                }).list();
    }

    private static String where(Selection s, Map<String, Object> params) {
        // the range as literals: a generic plan for a parameterised year walks an index over most of the table (SqlLiterals)
        StringBuilder where = new StringBuilder("d.party = '" + s.party().name() + "' and d.due_date >= " + SqlLiterals.date(s.from())
                + " and d.due_date <= " + SqlLiterals.date(s.to()) + " and d.state <> 'WAIVED' and (d.due_at <= "
                + SqlLiterals.timestamp(s.now()) + " or d.state in ('SUBMITTED','ACCEPTED'))");
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < s.rulePrefixes().size(); i++) {
            alternatives.add("d.rule_id like :prefix" + i);
            params.put("prefix" + i, s.rulePrefixes().get(i).replace("%", "").replace("_", "\\_") + "%");
        }
        if (!s.articles().isEmpty()) {
            alternatives.add("d.article in (:articles)");
            params.put("articles", s.articles());
        }
        if (!alternatives.isEmpty()) {
            where.append(" and (").append(String.join(" or ", alternatives)).append(")");
        }
        return where.toString();
    }
}
