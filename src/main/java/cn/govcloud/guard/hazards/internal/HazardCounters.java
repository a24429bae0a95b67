package cn.govcloud.guard.hazards.internal;

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
 * The hazard counters (issue 19 point 3; A11.3 dashboard, A12 ranking): per unit and month of the effective due
 * date, the hazards that count whatever the time (closed, or fed back), those still waiting, and those done on
 * time. Database triggers keep them in the transaction of every write to {@code hazards_hazard}
 * (V2026_12_09_5005 in db/vendor/postgresql and db/vendor/h2); this class counts the same from scratch,
 * compares, and rebuilds (the reconcile path, nightly).
 */
@Component
public class HazardCounters {
    private static final Logger log = LoggerFactory.getLogger(HazardCounters.class);
    static final String SETTLED = "(h.closed_at is not null or h.status = 'FEEDBACK_SUBMITTED')";
    /** Each hazard's contribution, grouped: what the triggers add and take off row by row. */
    static final String CONTRIBUTIONS = "select h.org_id, extract(year from h.effective_due_date) * 100 + extract(month from h.effective_due_date) "
            + "due_month, sum(case when " + SETTLED + " then 1 else 0 end) settled_n, sum(case when " + SETTLED + " then 0 else 1 end) waiting_n, "
            + "sum(case when " + HazardOutcomeQueries.ON_TIME + " then 1 else 0 end) on_time_n from hazards_hazard h "
            + "group by h.org_id, extract(year from h.effective_due_date) * 100 + extract(month from h.effective_due_date)";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    HazardCounters(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The keys ("org|yyyymm") whose kept counters differ from a count from scratch. */
    public Set<String> differences() {
        Map<String, List<Long>> kept = read("select org_id, due_month, settled_n, waiting_n, on_time_n from hazards_counter");
        Map<String, List<Long>> counted = read(CONTRIBUTIONS);
        Set<String> keys = new HashSet<>(kept.keySet());
        keys.addAll(counted.keySet());
        keys.removeIf(k -> Objects.equals(kept.get(k), counted.get(k)));
        return keys;
    }

    /** Recounts and replaces the counters if any differs (writers wait meanwhile on PostgreSQL); how many differed. */
    @Transactional
    public int reconcile() {
        lock();
        int differing = differences().size();
        if (differing > 0) {
            log.warn("hazard counters: {} counters differed from a count from scratch; rebuilt", differing);
            rebuild();
        }
        return differing;
    }

    @Transactional
    public void rebuild() {
        lock();
        jdbc.sql("delete from hazards_counter").update();
        jdbc.sql("insert into hazards_counter (org_id, due_month, settled_n, waiting_n, on_time_n) " + CONTRIBUTIONS).update();
    }

    private void lock() {
        if (Boolean.TRUE.equals(template.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName().contains("PostgreSQL")))) {
            jdbc.sql("lock table hazards_counter in exclusive mode").update();
        }
    }

    private Map<String, List<Long>> read(String sql) {
        Map<String, List<Long>> map = new HashMap<>();
        jdbc.sql(sql).query(rs -> {
            List<Long> v = List.of(rs.getLong("settled_n"), rs.getLong("waiting_n"), rs.getLong("on_time_n"));
            if (v.stream().anyMatch(n -> n != 0)) {
                map.put(rs.getLong("org_id") + "|" + rs.getInt("due_month"), v);
            }
        });
        return map;
    }
}
