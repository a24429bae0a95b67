package cn.govcloud.guard.hazards.intake;

import cn.govcloud.guard.shared.Actor;
import java.util.List;

/**
 * The monitoring figures for the provider's dashboard (A10.1): open alerts by severity and what waits
 * in triage, grouped in SQL and scoped exactly as the intake lists are.
 */
public interface AlertFigures {

    record Count(String key, long count) {
    }

    /** Alerts in state OPEN (matched to a system, not yet raised or dismissed) by severity, CRITICAL first. */
    List<Count> openAlertsBySeverity(Actor actor);

    /** Alerts and scan findings in state TRIAGE (matched no hosted system): keys "alerts" and "findings". */
    List<Count> awaitingTriage(Actor actor);
}
