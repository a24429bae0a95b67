package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.duties.DutyFigures;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgScope;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link DutyFigures} from the duty counters (issue 19 point 3: {@link DutyCounters}, kept by trigger in the
 * transaction of each change): a city's open and overdue duties by rule are a sum over a few thousand counter
 * rows instead of a count over the quarter of a million live duties. Same figures as
 * {@link #byRuleFromScratch}, the GROUP BY over the duties that DutyCountersTests compares with.
 */
@Component
class DutyFiguresQuery implements DutyFigures {
    private final JdbcClient jdbc;

    DutyFiguresQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<RuleLoad> byRule(Actor actor, int limit) {
        OrgScope scope = OrgScope.of(actor);
        return jdbc.sql("select d.rule_id, sum(d.open_n) due, sum(d.overdue_n) overdue from duties_counter d "
                        + "where (d.open_n <> 0 or d.overdue_n <> 0) and " + scope.where("d.org_id")
                        + " group by d.rule_id having sum(d.open_n) > 0 or sum(d.overdue_n) > 0 order by overdue desc, due desc, d.rule_id limit :limit")
                .params(scope.params()).param("limit", Math.max(1, limit))
                .query((rs, i) -> new RuleLoad(rs.getString("rule_id"), rs.getLong("due"), rs.getLong("overdue"))).list();
    }

    /** The same figures counted over the duties themselves. */
    List<RuleLoad> byRuleFromScratch(Actor actor, int limit) {
        OrgScope scope = OrgScope.of(actor);
        return jdbc.sql("select d.rule_id, sum(case when d.state = 'OPEN' then 1 else 0 end) due, "
                        + "sum(case when d.state = 'OVERDUE' then 1 else 0 end) overdue from duties_duty d "
                        + "where d.state in ('OPEN', 'OVERDUE') and " + scope.where("d.org_id")
                        + " group by d.rule_id order by overdue desc, due desc, d.rule_id limit :limit")
                .params(scope.params()).param("limit", Math.max(1, limit))
                .query((rs, i) -> new RuleLoad(rs.getString("rule_id"), rs.getLong("due"), rs.getLong("overdue"))).list();
    }
}
