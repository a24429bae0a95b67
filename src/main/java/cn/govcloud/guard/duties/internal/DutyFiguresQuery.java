package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.duties.DutyFigures;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgScope;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

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

    /**
     * Every rule with open or overdue duties (a few dozen rows at most), read once per request and scope: a supervisor's
     * page asks twice — the navigation's "what waits" counts and the dashboard's top rules — and at city scale each read
     * sums thousands of counter rows (issue 19 point 3). Outside a request (scheduled work, tests) nothing is kept.
     */
    @Override
    public List<RuleLoad> byRule(Actor actor, int limit) {
        OrgScope scope = OrgScope.of(actor);
        List<RuleLoad> all = perRequest("DutyFigures.byRule:" + scope, () -> jdbc.sql(
                        "select d.rule_id, sum(d.open_n) due, sum(d.overdue_n) overdue from duties_counter d "
                        + "where (d.open_n <> 0 or d.overdue_n <> 0) and " + scope.where("d.org_id")
                        + " group by d.rule_id having sum(d.open_n) > 0 or sum(d.overdue_n) > 0 order by overdue desc, due desc, d.rule_id")
                .params(scope.params())
                .query((rs, i) -> new RuleLoad(rs.getString("rule_id"), rs.getLong("due"), rs.getLong("overdue"))).list());
        return all.size() <= limit ? all : all.subList(0, Math.max(1, limit));
    }

    @SuppressWarnings("unchecked")
    private static <T> T perRequest(String key, java.util.function.Supplier<T> read) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return read.get();
        }
        Object kept = request.getAttribute(key, RequestAttributes.SCOPE_REQUEST);
        if (kept == null) {
            kept = read.get();
            request.setAttribute(key, kept, RequestAttributes.SCOPE_REQUEST);
        }
        return (T) kept;
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
