package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.systems.SystemFigures;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Component;

/** {@link SystemFigures} as two GROUP BY queries with the systems list's own scope (A4). */
@Transactional(readOnly = true)
@Component
class SystemFiguresQuery implements SystemFigures {
    private final JdbcClient jdbc;

    SystemFiguresQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Count> byState(Actor actor) {
        return grouped(actor, "s.state");
    }

    @Override
    public List<Count> byLevel(Actor actor) {
        return grouped(actor, "s.mlps_level");
    }

    private List<Count> grouped(Actor actor, String column) {
        OrgScope scope = OrgScope.of(actor);
        return jdbc.sql("select " + column + " k, count(*) n from systems_system s where " + scope.where("s.org_id")
                        + " group by " + column + " order by " + column)
                .params(scope.params()).query((rs, i) -> new Count(rs.getString("k"), rs.getLong("n"))).list();
    }
}
