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

    /** {@code dueProvisional}: the due date was counted through a year whose holiday notice is not loaded yet. */
    record Raised(long id, String status, LocalDate dueDate, Instant dueAt, boolean dueProvisional) {
    }

    /**
     * Raises a hazard notice as the signed-in actor (the supervisor or the provider, who becomes
     * the warning department), notifies the owning unit and the supervisor at once, and starts the
     * catalog's clocks (A10.2). Audited.
     */
    Raised raise(NewHazard hazard);

    // ---- the loop's steps as the signed-in actor, with the same checks as the pages and the API (the demo city uses them)

    /** A named person of the owning unit acknowledges with the first measures (A10.1, A10.2). */
    Raised acknowledgeHazard(long id, String handlerName, String firstMeasures);

    /** The unit's written feedback (整改报告) with one evidence document. */
    Raised submitFeedback(long id, String measures, String residualRisk, LocalDate completedOn, String filename,
                          java.io.InputStream document);

    /** The warning department verifies and closes. */
    Raised closeHazard(long id, String note);

    /**
     * Issue 17 point 3: attaches the paper notice of a hazard recorded after the fact (its notice dated before the record),
     * as the department that warned; false, and nothing changes, when the hazard was not recorded after the fact.
     */
    boolean attachNoticeDocument(long id, String filename, java.io.InputStream content);

    /** Issue 17 point 3: the supervisor confirms the notice date (the clock then runs from it); false when nothing awaits it. */
    boolean confirmNoticeDate(long id);

    /** The warning department returns the feedback with a reason; the due date stays. */
    Raised returnHazard(long id, String reason);

    /** An open hazard as the home page lists it. */
    record OpenHazard(long id, String title, String systemName, Severity severity, String status, LocalDate dueDate, boolean dueProvisional,
                      boolean overdue) {
    }

    /** The open hazards the actor may see (a unit: its own), by due time. */
    java.util.List<OpenHazard> openOf(cn.govcloud.guard.shared.Actor actor, int limit);

    /**
     * A hazard as the platform's integrations see it (issue 21 point 5: a ticket opened in a service desk carries it).
     *
     * @param state the loop's state, e.g. {@code NOTIFIED}, {@code ACKNOWLEDGED}, {@code FEEDBACK_SUBMITTED}
     */
    record HazardSummary(long id, long systemId, String systemName, long orgId, String orgName, long warnerOrgId, String title,
                         Severity severity, String state, Instant notifiedAt, LocalDate dueDate, Instant acknowledgedAt, Instant closedAt) {
    }

    /** The hazard if the actor may see it (A4: a unit its own; the provider those it raised; the overseers all). */
    java.util.Optional<HazardSummary> find(cn.govcloud.guard.shared.Actor actor, long id);

    /**
     * The hazard whoever asks, for the platform's own machinery (the ticketing outbox writes it into a ticket for the
     * hazard's own unit or the provider's desk); never to be shown to a person without {@link #find}.
     */
    java.util.Optional<HazardSummary> summary(long id);
}
