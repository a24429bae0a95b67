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

    static final java.time.ZoneId ZONE = cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE;
    /** A month's duties have all fallen due this many days after it ended (a deadline is at most the next day's start). */
    static final int SETTLED_MARGIN_DAYS = 2;

    private final JdbcClient jdbc;

    DutyOutcomeQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Issue 19 point 3: whole months come from the duty counters ({@link DutyCounters}) — done and on time
     * always (they do not depend on {@code now}); the open, returned and overdue ones too once the month is
     * settled, i.e. every duty due in it has fallen due by {@code now}. A calendar deadline falls at the latest
     * at the start of the day after its due date (Beijing), so a month is settled once it ended at least
     * {@link #SETTLED_MARGIN_DAYS} days ago. The rest is counted from the duties themselves: the waiting duties
     * of unsettled months (a partial index holds just those on PostgreSQL), and partial months at the ends of
     * the range in full. Same figures as {@link #tallyFromScratch}, which DutyCountersTests compares with.
     */
    @Override
    public List<Tally> tally(Selection s) {
        LocalDate firstMonth = s.from().getDayOfMonth() == 1 ? s.from() : s.from().withDayOfMonth(1).plusMonths(1);
        LocalDate lastMonth = s.to().plusDays(1).withDayOfMonth(1).minusMonths(1); // the first day of the last whole month
        if (lastMonth.isBefore(firstMonth)) {
            return tallyFromScratch(s);
        }
        Map<Long, long[]> byOrg = new HashMap<>();
        LocalDate today = s.now().atZone(ZONE).toLocalDate();
        LocalDate settled = today.minusDays(SETTLED_MARGIN_DAYS).plusDays(1).withDayOfMonth(1).minusMonths(1); // last settled month
        Map<String, Object> params = new HashMap<>();
        String rules = rules(s, params);
        jdbc.sql("select d.org_id, sum(d.submitted_n + d.accepted_n + case when d.due_month <= " + month(settled)
                        + " then d.open_n + d.returned_n + d.overdue_n else 0 end), sum(d.on_time_n) from duties_counter d where d.party = '"
                        + s.party().name() + "' and d.due_month >= " + month(firstMonth) + " and d.due_month <= " + month(lastMonth) + rules
                        + " group by d.org_id")
                .params(params).query(rs -> {
                    add(byOrg, rs.getLong(1), rs.getLong(2), rs.getLong(3));
                });
        if (settled.isBefore(lastMonth)) {
            LocalDate from = settled.isBefore(firstMonth) ? firstMonth : settled.plusMonths(1);
            jdbc.sql("select d.org_id, count(*) from duties_duty d where d.state in ('OPEN','RETURNED','OVERDUE') and d.party = '"
                            + s.party().name() + "' and d.due_date >= " + SqlLiterals.date(from) + " and d.due_date <= "
                            + SqlLiterals.date(lastMonth.plusMonths(1).minusDays(1)) + " and d.due_at <= " + SqlLiterals.timestamp(s.now()) + rules
                            + " group by d.org_id")
                    .params(params).query(rs -> {
                        add(byOrg, rs.getLong(1), rs.getLong(2), 0);
                    });
        }
        if (s.from().isBefore(firstMonth)) {
            tallyFromScratch(new Selection(s.party(), s.from(), firstMonth.minusDays(1), s.rulePrefixes(), s.articles(), s.now()))
                    .forEach(t -> add(byOrg, t.orgId(), t.due(), t.onTime()));
        }
        if (s.to().isAfter(lastMonth.plusMonths(1).minusDays(1))) {
            tallyFromScratch(new Selection(s.party(), lastMonth.plusMonths(1), s.to(), s.rulePrefixes(), s.articles(), s.now()))
                    .forEach(t -> add(byOrg, t.orgId(), t.due(), t.onTime()));
        }
        List<Tally> tallies = new ArrayList<>();
        byOrg.forEach((org, f) -> {
            if (f[0] > 0) {
                tallies.add(new Tally(org, f[0], f[1]));
            }
        });
        return tallies;
    }

    /** The tally counted from every duty of the range (the figures before the counters; partial months). */
    List<Tally> tallyFromScratch(Selection selection) {
        Map<String, Object> params = new HashMap<>();
        String where = where(selection, params);
        return jdbc.sql("select d.org_id, count(*), sum(case when " + ON_TIME + " then 1 else 0 end) from duties_duty d where " + where
                        + " group by d.org_id")
                .params(params).query((rs, i) -> new Tally(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    private static void add(Map<Long, long[]> byOrg, long org, long due, long onTime) {
        long[] f = byOrg.computeIfAbsent(org, o -> new long[2]);
        f[0] += due;
        f[1] += onTime;
    }

    private static int month(LocalDate day) {
        return day.getYear() * 100 + day.getMonthValue();
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

    /** The selection's rules ({@code rule_id} and {@code article}, on the duty or its counter), as " and (…)" or "". */
    private static String rules(Selection s, Map<String, Object> params) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < s.rulePrefixes().size(); i++) {
            alternatives.add("d.rule_id like :prefix" + i);
            params.put("prefix" + i, s.rulePrefixes().get(i).replace("%", "").replace("_", "\\_") + "%");
        }
        if (!s.articles().isEmpty()) {
            alternatives.add("d.article in (:articles)");
            params.put("articles", s.articles());
        }
        return alternatives.isEmpty() ? "" : " and (" + String.join(" or ", alternatives) + ")";
    }

    private static String where(Selection s, Map<String, Object> params) {
        // the range as literals: a generic plan for a parameterised year walks an index over most of the table (SqlLiterals)
        StringBuilder where = new StringBuilder("d.party = '" + s.party().name() + "' and d.due_date >= " + SqlLiterals.date(s.from())
                + " and d.due_date <= " + SqlLiterals.date(s.to()) + " and d.state <> 'WAIVED' and (d.due_at <= "
                + SqlLiterals.timestamp(s.now()) + " or d.state in ('SUBMITTED','ACCEPTED'))");
        where.append(rules(s, params));
        return where.toString();
    }
}
