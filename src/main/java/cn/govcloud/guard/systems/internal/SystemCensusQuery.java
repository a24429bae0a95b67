package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.shared.SqlLiterals;
import cn.govcloud.guard.systems.SystemCensus;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@link SystemCensus} in one grouped query over the systems and their first admission and exit transitions. */
@Repository
@Transactional(readOnly = true)
public class SystemCensusQuery implements SystemCensus {
    /** Per system: when it was first admitted (A11.2) and when it left the platform, if it did. */
    static final String LIFE = "select system_id, min(case when action = 'ADMIT' then occurred_at end) as admitted_at, "
            + "max(case when to_state = 'EXITED' then occurred_at end) as exited_at from systems_transition group by system_id";

    private final JdbcClient jdbc;

    SystemCensusQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The condition "system {@code alias} was on the platform at {@code at}", for other queries of the module (the
     * assessment ledger's coverage): admitted before it, not exited before it.
     */
    public static String onPlatformAt(String alias, Instant at) {
        String t = SqlLiterals.timestamp(at);
        return "exists (select 1 from systems_transition ta where ta.system_id = " + alias + ".id and ta.action = 'ADMIT' and ta.occurred_at < " + t
                + ") and not exists (select 1 from systems_transition tx where tx.system_id = " + alias + ".id and tx.to_state = 'EXITED' "
                + "and tx.occurred_at < " + t + ")";
    }

    @Override
    public List<LevelCount> byLevel(Instant from, Instant to) {
        String f = SqlLiterals.timestamp(from);
        String t = SqlLiterals.timestamp(to);
        return jdbc.sql("select s.mlps_level, "
                        + "sum(case when l.admitted_at < " + t + " and (l.exited_at is null or l.exited_at >= " + t + ") then 1 else 0 end), "
                        + "sum(case when l.admitted_at >= " + f + " and l.admitted_at < " + t + " then 1 else 0 end), "
                        + "sum(case when l.exited_at >= " + f + " and l.exited_at < " + t + " then 1 else 0 end) "
                        + "from systems_system s join (" + LIFE + ") l on l.system_id = s.id where l.admitted_at is not null "
                        + "group by s.mlps_level order by s.mlps_level")
                .query((rs, i) -> new LevelCount(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).list();
    }
}
