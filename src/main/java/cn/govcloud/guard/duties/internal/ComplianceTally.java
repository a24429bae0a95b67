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
 * What the compliance matrix needs of the duties, per (subject, rule) (issue 19 point 3; A13): how many are overdue,
 * how many pending (open, submitted, returned) and the latest due time of a closed one. Database triggers keep
 * {@code duties_matrix_tally} in the transaction of every write to {@code duties_duty} (V2026_12_11_0601 in
 * db/vendor/postgresql and db/vendor/h2), so a view of the matrix reads it and aggregates no duty; this class counts
 * the same from scratch, compares and rebuilds (the reconcile path: nightly with the duty counters).
 */
@Component
public class ComplianceTally {
    private static final Logger log = LoggerFactory.getLogger(ComplianceTally.class);
    static final String LIVE = "('OPEN','SUBMITTED','RETURNED','OVERDUE')";
    private static final String VALUES = "sum(case when d.state = 'OVERDUE' then 1 else 0 end) overdue_n, "
            + "sum(case when d.state in ('OPEN','SUBMITTED','RETURNED') then 1 else 0 end) pending_n, "
            + "max(case when d.state not in " + LIVE + " then d.due_at end) closed_due";
    /** Every key's tally counted from the duties. */
    static final String COUNTED = "select d.subject_kind, d.subject_id, d.rule_id, " + VALUES
            + " from duties_duty d group by d.subject_kind, d.subject_id, d.rule_id";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ComplianceTally(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The tally as kept, without rows that say nothing (no live duty, no closed one). */
    public Map<String, List<Object>> kept() {
        return read("select subject_kind, subject_id, rule_id, overdue_n, pending_n, closed_due from duties_matrix_tally");
    }

    /** The tally counted from scratch over every duty. */
    public Map<String, List<Object>> counted() {
        return read(COUNTED);
    }

    /** The keys whose kept tally differs from a count from scratch. */
    public Set<String> differences() {
        Map<String, List<Object>> kept = kept();
        Map<String, List<Object>> counted = counted();
        Set<String> keys = new HashSet<>(kept.keySet());
        keys.addAll(counted.keySet());
        keys.removeIf(k -> Objects.equals(kept.get(k), counted.get(k)));
        return keys;
    }

    /**
     * Recounts the tally and replaces it when it differs, holding writers of duties back meanwhile (on PostgreSQL the
     * exclusive lock makes every trigger wait, so a write either is in the recount or applies its change after it).
     * Returns how many keys had differed.
     */
    @Transactional
    public int reconcile() {
        if (isPostgres()) {
            jdbc.sql("lock table duties_matrix_tally in exclusive mode").update();
        }
        int differing = differences().size();
        if (differing > 0) {
            log.warn("compliance matrix tally: {} keys differed from a count from scratch; rebuilt", differing);
            rebuild();
        }
        return differing;
    }

    /** Replaces the whole tally by a count from scratch (after a bulk load, or when reconcile finds a difference). */
    @Transactional
    public void rebuild() {
        if (isPostgres()) {
            jdbc.sql("lock table duties_matrix_tally in exclusive mode").update();
        }
        jdbc.sql("delete from duties_matrix_tally").update();
        jdbc.sql("insert into duties_matrix_tally (subject_kind, subject_id, rule_id, overdue_n, pending_n, closed_due) " + COUNTED).update();
    }

    private boolean isPostgres() {
        return Boolean.TRUE.equals(template.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName().contains("PostgreSQL")));
    }

    private Map<String, List<Object>> read(String sql) {
        Map<String, List<Object>> map = new HashMap<>();
        jdbc.sql(sql).query(rs -> {
            long overdue = rs.getLong("overdue_n");
            long pending = rs.getLong("pending_n");
            Instant closed = DutyStore.instant(rs, "closed_due");
            if (overdue != 0 || pending != 0 || closed != null) {
                map.put(rs.getString("subject_kind") + "|" + rs.getLong("subject_id") + "|" + rs.getString("rule_id"),
                        java.util.Arrays.asList(overdue, pending, closed));
            }
        });
        return map;
    }
}
