package cn.govcloud.guard.hazards;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What other parts of the platform may ask of the hazard register (A10.2): the intake of alerts
 * and scan findings, inspections and drills raise hazard notices through it.
 */
public interface Hazards {

    enum Severity { CRITICAL, HIGH, MEDIUM, LOW }

    /**
     * A hazard notice (风险隐患通知).
     *
     * @param systemId   the hosted system it concerns (its owning unit must fix it)
     * @param notifiedAt when the unit was told; null means now. The 5 working days count from it.
     * @param source     where it came from: MANUAL, ALERT, FINDING, INSPECTION, DRILL, RED_TEAM
     * @param sourceRef  the record behind it, e.g. {@code finding:12}; null for a manual notice
     */
    record NewHazard(long systemId, String title, Severity severity, String description, Instant notifiedAt,
                     String source, String sourceRef) {
    }

    record Raised(long id, String status, LocalDate dueDate, Instant dueAt) {
    }

    /**
     * Raises a hazard notice as the signed-in actor (the supervisor or the provider, who becomes
     * the warning department), notifies the owning unit and the supervisor at once, and starts the
     * catalog's clocks (A10.2). Audited.
     */
    Raised raise(NewHazard hazard);
}
