package cn.govcloud.guard.hazards.intake.internal;

import cn.govcloud.guard.hazards.intake.AlertFigures;
import cn.govcloud.guard.shared.Actor;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link AlertFigures} as GROUP BY queries over the intake tables with the intake lists' scope (indexes on state and severity). */
@Component
class AlertFiguresQuery implements AlertFigures {
    private static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO");
    private final JdbcClient jdbc;

    AlertFiguresQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Count> openAlertsBySeverity(Actor actor) {
        IntakeService.Scope scope = IntakeService.Scope.of(actor, "a");
        return jdbc.sql("select a.severity, count(*) from intake_alert a where a.state = 'OPEN' and " + scope.where() + " group by a.severity")
                .params(scope.params()).query((rs, i) -> new Count(rs.getString(1), rs.getLong(2))).list().stream()
                .sorted(Comparator.comparing(c -> SEVERITIES.indexOf(c.key()))).toList();
    }

    @Override
    public List<Count> awaitingTriage(Actor actor) {
        IntakeService.Scope alerts = IntakeService.Scope.of(actor, "a");
        IntakeService.Scope findings = IntakeService.Scope.of(actor, "f");
        long a = jdbc.sql("select count(*) from intake_alert a where a.state = 'TRIAGE' and " + alerts.where()).params(alerts.params())
                .query(Long.class).single();
        long f = jdbc.sql("select count(*) from intake_finding f where f.state = 'TRIAGE' and " + findings.where()).params(findings.params())
                .query(Long.class).single();
        return List.of(new Count("alerts", a), new Count("findings", f));
    }
}
