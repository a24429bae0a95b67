package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.duties.DutyFigures;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgScope;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link DutyFigures} as one GROUP BY over the open and overdue duties; the indexes
 * {@code (state, rule_id)} and {@code (org_id, state, rule_id)} let PostgreSQL answer it from the
 * index alone, whatever the number of closed duties.
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
        return jdbc.sql("select d.rule_id, sum(case when d.state = 'OPEN' then 1 else 0 end) due, "
                        + "sum(case when d.state = 'OVERDUE' then 1 else 0 end) overdue from duties_duty d "
                        + "where d.state in ('OPEN', 'OVERDUE') and " + scope.where("d.org_id")
                        + " group by d.rule_id order by overdue desc, due desc, d.rule_id limit :limit")
                .params(scope.params()).param("limit", Math.max(1, limit))
                .query((rs, i) -> new RuleLoad(rs.getString("rule_id"), rs.getLong("due"), rs.getLong("overdue"))).list();
    }
}
