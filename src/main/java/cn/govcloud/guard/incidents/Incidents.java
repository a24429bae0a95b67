package cn.govcloud.guard.incidents;

import cn.govcloud.guard.shared.Actor;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What other modules (the home page, the demo city) may ask of the incidents module. */
public interface Incidents {

    /**
     * An incident as reported. {@code systemId} null means the platform itself (the provider's,
     * A10.4); otherwise a system of the reporter's unit (A10.5). Grade I–IV; {@code category} and
     * {@code subType} are codes of the national classification, e.g. NETWORK_ATTACK and
     * NETWORK_ATTACK.DOS.
     */
    record NewIncident(Long systemId, String title, String category, String subType, String grade, Instant discoveredAt,
                       Instant confirmedAt, String description, String impact, Criteria criteria) {
    }

    /**
     * The grading criteria the reporter answers; null means not known / not affected. {@code dataAffected}
     * is NONE, GENERAL, IMPORTANT or CORE; {@code directLossWan} in 万元.
     */
    record Criteria(BigDecimal portalOutageHours, BigDecimal criticalOutageHours, Long peopleAffected, Long recordsLeaked,
                    String dataAffected, BigDecimal directLossWan) {
        public static Criteria none() {
            return new Criteria(null, null, null, null, "NONE", null);
        }
    }

    /** The incident as recorded; {@code reportDueAt} is null for grade IV. */
    record Reported(long id, String grade, String suggestedGrade, Instant reportDueAt) {
    }

    /** Records an incident as the signed-in actor and starts the catalog's clock (I–III). Audited. */
    Reported report(NewIncident incident);

    /** An initial report still owed: what the countdown on the home page shows. */
    record ReportClock(long incidentId, String title, String grade, Instant dueAt) {
    }

    /** The initial reports the actor's organisation still owes, soonest first. */
    List<ReportClock> runningClocks(Actor actor);

    /**
     * A drill as the provider records it (A10.3); {@code invitedUnitIds} are unit organisations who
     * then confirm their participation.
     */
    record NewDrill(LocalDate drillDate, String title, boolean networkAttack, boolean dataLeak, boolean systemFailure,
                    boolean drSwitchover, List<Long> invitedUnitIds, String summary, String organiser) {
    }

    /** Records a drill as the signed-in provider with its summary report; returns its id. Audited. */
    long recordDrill(NewDrill drill, String reportFilename, java.io.InputStream report);
}
