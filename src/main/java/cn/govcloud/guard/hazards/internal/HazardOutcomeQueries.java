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
@org.springframework.transaction.annotation.Transactional(readOnly = true)
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

    static final java.time.ZoneId ZONE = cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE;
    /** A month's hazards have all fallen due this many days after it ended (a due time is at most the next day's start). */
    static final int SETTLED_MARGIN_DAYS = 2;

    private final JdbcClient jdbc;

    HazardOutcomeQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Issue 19 point 3: whole months come from the hazard counters ({@link HazardCounters}) — the closed and fed-back
     * hazards and those on time always (they do not depend on {@code now}), the waiting ones too once the month is
     * settled (ended at least {@link #SETTLED_MARGIN_DAYS} days ago: an effective due time falls at the latest at the
     * start of the day after its date, Beijing). The waiting hazards of unsettled months and partial months at the
     * ends of the range are counted from the hazards. Same figures as {@link #tallyFromScratch} (HazardCountersTests).
     */
    @Override
    public List<Tally> tally(LocalDate from, LocalDate to, Instant now) {
        LocalDate firstMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate lastMonth = to.plusDays(1).withDayOfMonth(1).minusMonths(1); // the first day of the last whole month
        if (lastMonth.isBefore(firstMonth)) {
            return tallyFromScratch(from, to, now);
        }
        java.util.Map<Long, long[]> byOrg = new java.util.HashMap<>();
        LocalDate settled = now.atZone(ZONE).toLocalDate().minusDays(SETTLED_MARGIN_DAYS).plusDays(1).withDayOfMonth(1).minusMonths(1);
        jdbc.sql("select h.org_id, sum(h.settled_n + case when h.due_month <= " + month(settled) + " then h.waiting_n else 0 end), "
                        + "sum(h.on_time_n) from hazards_counter h where h.due_month >= " + month(firstMonth) + " and h.due_month <= "
                        + month(lastMonth) + " group by h.org_id")
                .query(rs -> {
                    add(byOrg, rs.getLong(1), rs.getLong(2), rs.getLong(3));
                });
        if (settled.isBefore(lastMonth)) {
            LocalDate liveFrom = settled.isBefore(firstMonth) ? firstMonth : settled.plusMonths(1);
            jdbc.sql("select h.org_id, count(*) from hazards_hazard h where h.closed_at is null and h.status <> 'FEEDBACK_SUBMITTED' "
                            + "and h.effective_due_date >= " + SqlLiterals.date(liveFrom) + " and h.effective_due_date <= "
                            + SqlLiterals.date(lastMonth.plusMonths(1).minusDays(1)) + " and h.effective_due_at <= " + SqlLiterals.timestamp(now)
                            + " group by h.org_id")
                    .query(rs -> {
                        add(byOrg, rs.getLong(1), rs.getLong(2), 0);
                    });
        }
        if (from.isBefore(firstMonth)) {
            tallyFromScratch(from, firstMonth.minusDays(1), now).forEach(t -> add(byOrg, t.orgId(), t.due(), t.closedOnTime()));
        }
        if (to.isAfter(lastMonth.plusMonths(1).minusDays(1))) {
            tallyFromScratch(lastMonth.plusMonths(1), to, now).forEach(t -> add(byOrg, t.orgId(), t.due(), t.closedOnTime()));
        }
        List<Tally> tallies = new java.util.ArrayList<>();
        byOrg.forEach((org, f) -> {
            if (f[0] > 0) {
                tallies.add(new Tally(org, f[0], f[1]));
            }
        });
        return tallies;
    }

    private static void add(java.util.Map<Long, long[]> byOrg, long org, long due, long onTime) {
        long[] f = byOrg.computeIfAbsent(org, o -> new long[2]);
        f[0] += due;
        f[1] += onTime;
    }

    private static int month(LocalDate day) {
        return day.getYear() * 100 + day.getMonthValue();
    }

    /** The tally counted from every hazard of the range (the figures before the counters; partial months). */
    List<Tally> tallyFromScratch(LocalDate from, LocalDate to, Instant now) {
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
