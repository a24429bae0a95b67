package cn.govcloud.guard.duties.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the compliance matrix keeps by triggers (issue 19 point 3; A13), counted again from scratch, compared and rebuilt
 * (the reconcile path: nightly with the duty counters).
 *
 * <p>The tally: per (subject, rule), in the cell's row of {@code duties_matrix_cell}, how many duties are overdue, how
 * many pending (open, submitted, returned) and the latest due time of a closed one — moved by triggers in the transaction
 * of every write to {@code duties_duty} (V2026_12_11_0601, V2026_12_12_0601 in db/vendor/postgresql; ComplianceTallyTrigger
 * on H2), so a view of the matrix aggregates no duty.
 *
 * <p>The details: per (subject, rule), in the same row, what a page of the matrix shows of the duties — the next due time
 * of a live duty, the newest duty, the newest submission and the latest due time of an accepted late submission — recounted
 * for the keys each write to {@code duties_duty} or {@code duties_submission} touched (V2026_12_14_0601;
 * ComplianceTallyTrigger and ComplianceEvidenceTrigger on H2), so a page is one query on the cells.
 *
 * <p>The summary: the counts of listed cells per (subject kind, rule, owner, responsible organisation, class, recurring,
 * latest closed due time) in {@code duties_matrix_summary}, moved by triggers on every write to the cells (V2026_12_12_0604;
 * ComplianceSummaryTrigger on H2), so a view's counts by status sum a few thousand rows rather than read every cell.
 */
@Component
public class ComplianceTally {
    private static final Logger log = LoggerFactory.getLogger(ComplianceTally.class);
    static final String LIVE = "('OPEN','SUBMITTED','RETURNED','OVERDUE')";
    private static final String VALUES = "sum(case when d.state = 'OVERDUE' then 1 else 0 end) overdue_n, "
            + "sum(case when d.state in ('OPEN','SUBMITTED','RETURNED') then 1 else 0 end) pending_n, "
            + "max(case when d.state not in " + LIVE + " then d.due_at end) closed_due";
    /** The summary's closed_due of a row that is not CLOSED (a key column is never null). */
    static final Instant NO_CLOSED_DUE = Instant.EPOCH;
    /** The summary counted from the cells (the class as in V2026_12_12_0603). */
    static final String SUMMARY_COUNTED = """
            select subject_kind, rule_id, org_id, responsible_org, cls, recurring, closed_due, count(*) n from (
                select c.subject_kind, c.rule_id, c.org_id, coalesce(c.responsible_org, 0) responsible_org,
                       case when c.fixed_status is not null then c.fixed_status when c.overdue_n > 0 then 'OVERDUE' when c.pending_n > 0 then 'PENDING'
                            when c.closed_due is not null then 'CLOSED' else 'NONE' end cls,
                       c.recurring,
                       case when c.fixed_status is null and c.overdue_n = 0 and c.pending_n = 0 and c.closed_due is not null then c.closed_due
                            else timestamp with time zone '1970-01-01 00:00:00+00' end closed_due
                from duties_matrix_cell c where c.listed) x
            group by subject_kind, rule_id, org_id, responsible_org, cls, recurring, closed_due""";
    /** The details a page shows, kept in the cell's row too (V2026_12_14_0600), counted from the duties and submissions. */
    private static final String DETAILS = "min(case when d.state in " + LIVE + " then d.due_at end) next_due, max(d.id) latest_duty, "
            + "max(s.latest_submission) latest_submission, max(case when s.late_n > 0 then d.due_at end) late_due";
    /** Every key's tally and details counted from the duties (one row per duty: the submissions grouped per duty first). */
    static final String COUNTED = "select d.subject_kind, d.subject_id, d.rule_id, " + VALUES + ", " + DETAILS
            + " from duties_duty d left join (select duty_id, max(id) latest_submission, "
            + "sum(case when late and decision = 'ACCEPTED' then 1 else 0 end) late_n from duties_submission group by duty_id) s "
            + "on s.duty_id = d.id group by d.subject_kind, d.subject_id, d.rule_id";
    private static final String KEY = "d.rule_id = t.rule_id and d.subject_kind = t.subject_kind and d.subject_id = t.subject_id";
    /** One key's details recounted from its duties (H2's triggers; PostgreSQL: duties_matrix_details_recount). */
    private static final String RECOUNT_DETAILS = "update duties_matrix_cell t set "
            + "next_due = (select min(d.due_at) from duties_duty d where " + KEY + " and d.state in " + LIVE + "), "
            + "latest_duty = (select max(d.id) from duties_duty d where " + KEY + "), "
            + "latest_submission = (select max(s.id) from duties_duty d join duties_submission s on s.duty_id = d.id where " + KEY + "), "
            + "late_due = (select max(d.due_at) from duties_duty d where " + KEY + " and exists (select 1 from duties_submission s "
            + "where s.duty_id = d.id and s.late and s.decision = 'ACCEPTED')) "
            + "where t.subject_kind = ? and t.subject_id = ? and t.rule_id = ?";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ComplianceTally(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The tally as kept, without rows that say nothing (no live duty, no closed one). */
    public Map<String, List<Object>> kept() {
        return read("select subject_kind, subject_id, rule_id, overdue_n, pending_n, closed_due from duties_matrix_cell");
    }

    /** The tally counted from scratch over every duty. */
    public Map<String, List<Object>> counted() {
        return read(COUNTED);
    }

    /** The details as kept (next due, newest duty, newest submission, latest late acceptance), without rows with no duty. */
    public Map<String, List<Object>> detailsKept() {
        return details("select subject_kind, subject_id, rule_id, next_due, latest_duty, latest_submission, late_due from duties_matrix_cell");
    }

    /** The details counted from scratch over every duty and submission. */
    public Map<String, List<Object>> detailsCounted() {
        return details(COUNTED);
    }

    /** The keys whose kept tally or details differ from a count from scratch. */
    public Set<String> differences() {
        Set<String> keys = differences(kept(), counted());
        keys.addAll(differences(detailsKept(), detailsCounted()));
        return keys;
    }

    private static Set<String> differences(Map<String, List<Object>> kept, Map<String, List<Object>> counted) {
        Set<String> keys = new HashSet<>(kept.keySet());
        keys.addAll(counted.keySet());
        keys.removeIf(k -> Objects.equals(kept.get(k), counted.get(k)));
        return keys;
    }

    /** Recounts one key's details in its cell row from the key's duties and submissions (H2's triggers). */
    static void recountDetails(java.sql.Connection conn, List<Object> key) throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = conn.prepareStatement(RECOUNT_DETAILS)) {
            for (int i = 0; i < key.size(); i++) {
                ps.setObject(i + 1, key.get(i));
            }
            ps.executeUpdate();
        }
    }

    /** The summary as kept, without rows counting nothing. */
    public Map<String, Long> summaryKept() {
        return summary("select * from duties_matrix_summary");
    }

    /** The summary counted from scratch over the cells. */
    public Map<String, Long> summaryCounted() {
        return summary(SUMMARY_COUNTED);
    }

    /**
     * Recounts the tally and the summary and replaces what differs, holding writers of duties and cells back meanwhile
     * (on PostgreSQL the exclusive lock on the cells makes every trigger wait, so a write either is in the recount or
     * applies its change after it); drops the summary rows that count nothing any more. Returns how many keys had differed.
     */
    @Transactional
    public int reconcile() {
        lock();
        int differing = differences().size();
        if (differing > 0) {
            log.warn("compliance matrix tally: {} keys differed from a count from scratch; rebuilt", differing);
            rebuild();
        }
        Map<String, Long> kept = summaryKept();
        Map<String, Long> counted = summaryCounted();
        if (!kept.equals(counted)) {
            Set<String> keys = new HashSet<>(kept.keySet());
            keys.addAll(counted.keySet());
            keys.removeIf(k -> Objects.equals(kept.get(k), counted.get(k)));
            log.warn("compliance matrix summary: {} rows differed from a count from scratch; rebuilt", keys.size());
            differing += keys.size();
            jdbc.sql("delete from duties_matrix_summary").update();
            jdbc.sql("insert into duties_matrix_summary (subject_kind, rule_id, org_id, responsible_org, cls, recurring, closed_due, n) "
                    + SUMMARY_COUNTED).update();
        }
        jdbc.sql("delete from duties_matrix_summary where n = 0").update();
        return differing;
    }

    /**
     * Replaces the whole tally by a count from scratch (after a bulk load, or when reconcile finds a difference); the summary
     * follows through its trigger.
     */
    @Transactional
    public void rebuild() {
        lock();
        jdbc.sql("update duties_matrix_cell set overdue_n = 0, pending_n = 0, closed_due = null, next_due = null, latest_duty = null, "
                + "latest_submission = null, late_due = null where overdue_n <> 0 or pending_n <> 0 or closed_due is not null "
                + "or latest_duty is not null or latest_submission is not null").update();
        String columns = "(subject_kind, subject_id, rule_id, overdue_n, pending_n, closed_due, next_due, latest_duty, latest_submission, late_due) ";
        jdbc.sql(isPostgres() ? "insert into duties_matrix_cell " + columns + COUNTED + " on conflict (subject_kind, subject_id, rule_id) "
                + "do update set overdue_n = excluded.overdue_n, pending_n = excluded.pending_n, closed_due = excluded.closed_due, "
                + "next_due = excluded.next_due, latest_duty = excluded.latest_duty, latest_submission = excluded.latest_submission, "
                + "late_due = excluded.late_due"
                : "merge into duties_matrix_cell " + columns + "key (subject_kind, subject_id, rule_id) " + COUNTED).update();
        jdbc.sql("delete from duties_matrix_cell where not listed and overdue_n = 0 and pending_n = 0 and closed_due is null").update();
    }

    private void lock() {
        if (isPostgres()) {
            jdbc.sql("lock table duties_matrix_cell in exclusive mode").update();
        }
    }

    private Map<String, Long> summary(String sql) {
        Map<String, Long> map = new HashMap<>();
        jdbc.sql(sql).query(rs -> {
            if (rs.getLong("n") != 0) {
                map.put(rs.getString("subject_kind") + "|" + rs.getString("rule_id") + "|" + rs.getLong("org_id") + "|" + rs.getLong("responsible_org")
                        + "|" + rs.getString("cls") + "|" + rs.getBoolean("recurring") + "|" + DutyRows.instant(rs, "closed_due"), rs.getLong("n"));
            }
        });
        return map;
    }

    private boolean isPostgres() {
        return isPostgres(template);
    }

    static boolean isPostgres(JdbcTemplate template) {
        return Boolean.TRUE.equals(template.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName().contains("PostgreSQL")));
    }

    private Map<String, List<Object>> details(String sql) {
        Map<String, List<Object>> map = new HashMap<>();
        jdbc.sql(sql).query(rs -> {
            long duty = rs.getLong("latest_duty");
            if (!rs.wasNull()) {
                long submission = rs.getLong("latest_submission");
                Long latestSubmission = rs.wasNull() ? null : submission;
                map.put(rs.getString("subject_kind") + "|" + rs.getLong("subject_id") + "|" + rs.getString("rule_id"),
                        java.util.Arrays.asList(DutyRows.instant(rs, "next_due"), duty, latestSubmission, DutyRows.instant(rs, "late_due")));
            }
        });
        return map;
    }

    private Map<String, List<Object>> read(String sql) {
        Map<String, List<Object>> map = new HashMap<>();
        jdbc.sql(sql).query(rs -> {
            long overdue = rs.getLong("overdue_n");
            long pending = rs.getLong("pending_n");
            Instant closed = DutyRows.instant(rs, "closed_due");
            if (overdue != 0 || pending != 0 || closed != null) {
                map.put(rs.getString("subject_kind") + "|" + rs.getLong("subject_id") + "|" + rs.getString("rule_id"),
                        java.util.Arrays.asList(overdue, pending, closed));
            }
        });
        return map;
    }
}
