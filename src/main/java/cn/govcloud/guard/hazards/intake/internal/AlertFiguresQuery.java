package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.hazards.intake.AlertFigures;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgScope;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link AlertFigures} as GROUP BY queries over the intake tables with the intake lists' scope (indexes on state and severity). */
@Component
@Transactional(readOnly = true)
class AlertFiguresQuery implements AlertFigures {
    private static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO");
    private final JdbcClient jdbc;

    AlertFiguresQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Count> openAlertsBySeverity(Actor actor) {
        OrgScope scope = IntakeAccess.scope(actor);
        return jdbc.sql("select a.severity, count(*) from intake_alert a where a.state = 'OPEN' and " + scope.where("a.org_id") + " group by a.severity")
                .params(scope.params()).query((rs, i) -> new Count(rs.getString(1), rs.getLong(2))).list().stream()
                .sorted(Comparator.comparing(c -> SEVERITIES.indexOf(c.key()))).toList();
    }

    @Override
    public List<Count> awaitingTriage(Actor actor) {
        OrgScope scope = IntakeAccess.scope(actor);
        long a = jdbc.sql("select count(*) from intake_alert a where a.state = 'TRIAGE' and " + scope.where("a.org_id")).params(scope.params())
                .query(Long.class).single();
        long f = jdbc.sql("select count(*) from intake_finding f where f.state = 'TRIAGE' and " + scope.where("f.org_id")).params(scope.params())
                .query(Long.class).single();
        return List.of(new Count("alerts", a), new Count("findings", f));
    }
}
