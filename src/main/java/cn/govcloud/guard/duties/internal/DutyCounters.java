package cn.govcloud.guard.duties.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The duty counters (issue 19 point 3; A11.3 dashboard, A12 ranking): per organisation, party, rule, article
 * and month of the due date, how many duties are in each state and how many were done on time. Database
 * triggers keep them in the transaction of every write to {@code duties_duty} (V2026_12_09_5002 in
 * db/vendor/postgresql and db/vendor/h2); this class counts the same from scratch, compares, and rebuilds
 * (the reconcile path: nightly, and whenever someone suspects a difference).
 */
@Component
public class DutyCounters {
    private static final Logger log = LoggerFactory.getLogger(DutyCounters.class);
    static final String KEY = "org_id, party, rule_id, article, due_month";
    static final String VALUES = "open_n, returned_n, overdue_n, submitted_n, accepted_n, waived_n, on_time_n";
    /** Each duty's contribution, grouped: what the triggers add and take off row by row. */
    static final String CONTRIBUTIONS = "select d.org_id, d.party, d.rule_id, d.article, "
            + "extract(year from d.due_date) * 100 + extract(month from d.due_date) due_month, "
            + "sum(case when d.state = 'OPEN' then 1 else 0 end) open_n, sum(case when d.state = 'RETURNED' then 1 else 0 end) returned_n, "
            + "sum(case when d.state = 'OVERDUE' then 1 else 0 end) overdue_n, sum(case when d.state = 'SUBMITTED' then 1 else 0 end) submitted_n, "
            + "sum(case when d.state = 'ACCEPTED' then 1 else 0 end) accepted_n, sum(case when d.state = 'WAIVED' then 1 else 0 end) waived_n, "
            + "sum(case when " + DutyOutcomeQueries.ON_TIME + " then 1 else 0 end) on_time_n "
            + "from duties_duty d group by d.org_id, d.party, d.rule_id, d.article, extract(year from d.due_date) * 100 + extract(month from d.due_date)";

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate template;

    DutyCounters(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The counters as kept, without all-zero rows (a month whose duties all moved away). */
    public Map<String, List<Long>> kept() {
        return read("select " + KEY + ", " + VALUES + " from duties_counter");
    }

    /** The counters counted from scratch over every duty. */
    public Map<String, List<Long>> counted() {
        return read(CONTRIBUTIONS);
    }

    /** The keys whose kept counters differ from a count from scratch. */
    public Set<String> differences() {
        Map<String, List<Long>> kept = kept();
        Map<String, List<Long>> counted = counted();
        Set<String> keys = new HashSet<>(kept.keySet());
        keys.addAll(counted.keySet());
        keys.removeIf(k -> java.util.Objects.equals(kept.get(k), counted.get(k)));
        return keys;
    }

    /**
     * Recounts every counter from the duties and replaces them, holding writers of duties back meanwhile (on
     * PostgreSQL the exclusive lock on the counters makes every trigger wait, so a write either is in the recount
     * or applies its change after it). Returns how many counters had differed.
     */
    @Transactional
    public int reconcile() {
        if (isPostgres()) {
            jdbc.sql("lock table duties_counter in exclusive mode").update();
        }
        int differing = differences().size();
        if (differing > 0) {
            log.warn("duty counters: {} counters differed from a count from scratch; rebuilt", differing);
            rebuild();
        }
        return differing;
    }

    /** Replaces every counter by a count from scratch (after a bulk load, or when reconcile finds a difference). */
    @Transactional
    public void rebuild() {
        if (isPostgres()) {
            jdbc.sql("lock table duties_counter in exclusive mode").update();
        }
        jdbc.sql("delete from duties_counter").update();
        jdbc.sql("insert into duties_counter (" + KEY + ", " + VALUES + ") " + CONTRIBUTIONS).update();
    }

    private boolean isPostgres() {
        return Boolean.TRUE.equals(template.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName().contains("PostgreSQL")));
    }

    private Map<String, List<Long>> read(String sql) {
        Map<String, List<Long>> map = new HashMap<>();
        jdbc.sql(sql).query(rs -> {
            List<Long> v = List.of(rs.getLong("open_n"), rs.getLong("returned_n"), rs.getLong("overdue_n"), rs.getLong("submitted_n"),
                    rs.getLong("accepted_n"), rs.getLong("waived_n"), rs.getLong("on_time_n"));
            if (v.stream().anyMatch(n -> n != 0)) {
                map.put(rs.getLong("org_id") + "|" + rs.getString("party") + "|" + rs.getString("rule_id") + "|" + rs.getString("article")
                        + "|" + rs.getInt("due_month"), v);
            }
        });
        return map;
    }
}
