package cn.govcloud.guard.incidents.internal;

import cn.govcloud.guard.incidents.Incidents.Criteria;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Instant;

/**
 * A security incident (A10.4 platform, A10.5 systems) as recorded, guarding its own transitions: which report may be
 * filed now, whether it may be resolved, what a change of grade does to the 30-minute clock. An illegal step throws a
 * {@link RuleViolation} naming the article the responsible party answers to.
 */
public record Incident(long id, long orgId, Long systemId, String systemName, String title, String category, String subType,
                       String grade, String suggestedGrade, String description, String impact, Criteria criteria,
                       Instant discoveredAt, Instant confirmedAt, String status, Instant clockStartedAt, Instant reportDueAt,
                       String reportReference, String progressReference, Instant containedAt, Instant resolvedAt,
                       Instant recordedAt, String recordedBy, boolean initialReported, boolean finalReported) {

    static final String RESOLVED = "RESOLVED";

    /** The kinds of report, in the order they are owed. */
    enum ReportKind { INITIAL, PROGRESS, FINAL }

    /** What a change of grade does to the initial-report clock. */
    enum ClockChange { STARTS, STOPS, UNCHANGED }

    public boolean platform() {
        return systemId == null;
    }

    /** The rule article the responsible party answers to. */
    public String article() {
        return systemId == null ? "A10.4" : "A10.5";
    }

    /** The 30-minute clock is running: I–III and the initial report not yet made. */
    public boolean clockRunning() {
        return reportDueAt != null && !initialReported;
    }

    public boolean resolved() {
        return RESOLVED.equals(status);
    }

    /** The actor acts for the responsible organisation: the provider's operator or the unit's people. */
    public boolean actingFor(Actor actor) {
        return actor.orgId() == orgId
                && (actor.has(Role.PROVIDER_OPERATOR) || actor.has(Role.UNIT_SECURITY_OFFICER) || actor.has(Role.UNIT_STAFF));
    }

    /** Throws naming the article unless the actor acts for the responsible organisation. */
    Incident requireResponsible(Actor actor) {
        if (!actingFor(actor)) {
            throw new RuleViolation(article(), "incidents.refused.notResponsible");
        }
        return this;
    }

    /**
     * A10.4 / A10.5: one initial report per clock; progress reports after it while the incident is open; the final
     * analysis report once, after resolution.
     */
    void requireReportable(ReportKind kind) {
        switch (kind) {
            case INITIAL -> refuseIf(initialReported, "incidents.refused.alreadyReported");
            case PROGRESS -> {
                refuseIf(!initialReported, "incidents.refused.initialFirst");
                refuseIf(resolved(), "incidents.refused.resolved");
            }
            case FINAL -> {
                refuseIf(!resolved(), "incidents.refused.notResolved");
                refuseIf(finalReported, "incidents.refused.finalDone");
            }
        }
    }

    /** An initial report after the due time is recorded as late. */
    boolean late(ReportKind kind, Instant at) {
        return kind == ReportKind.INITIAL && reportDueAt != null && at.isAfter(reportDueAt);
    }

    /** A resolved incident is not resolved again. */
    void requireResolvable() {
        refuseIf(resolved(), "incidents.refused.resolved");
    }

    /** Raised from IV to I–III the clock starts at the change; lowered to IV no report is owed any more. */
    ClockChange changeGrade(String to) {
        if (!Grading.reportable(grade) && Grading.reportable(to)) {
            return ClockChange.STARTS;
        }
        if (Grading.reportable(grade) && !Grading.reportable(to)) {
            return ClockChange.STOPS;
        }
        return ClockChange.UNCHANGED;
    }

    Incident withSystemName(String name) {
        return new Incident(id, orgId, systemId, name, title, category, subType, grade, suggestedGrade, description, impact, criteria,
                discoveredAt, confirmedAt, status, clockStartedAt, reportDueAt, reportReference, progressReference, containedAt,
                resolvedAt, recordedAt, recordedBy, initialReported, finalReported);
    }

    private void refuseIf(boolean refused, String reason) {
        if (refused) {
            throw new RuleViolation(article(), reason);
        }
    }
}
