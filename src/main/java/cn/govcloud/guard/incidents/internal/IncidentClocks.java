package cn.govcloud.guard.incidents.internal;

import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.incidents.IncidentClosed;
import cn.govcloud.guard.incidents.IncidentConfirmed;
import cn.govcloud.guard.incidents.IncidentGradedOnSystem;
import cn.govcloud.guard.incidents.IncidentReported;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The report clocks of an incident are the duty engine's: this publishes the incidents' events
 * ({@link IncidentConfirmed} raises the catalog's initial-report duty — 30 minutes for I–III —, {@link IncidentReported}
 * the next progress report, {@link IncidentClosed} the final analysis report) and records on the incident what they
 * started. The duty sweep marks them overdue and escalates them once, per the catalog's {@code escalate}.
 */
@Component
class IncidentClocks {
    private final ApplicationEventPublisher events;
    private final Duties duties;
    private final IncidentRepository incidents;
    private final Systems systems;
    private final OrganisationDirectory organisations;

    IncidentClocks(ApplicationEventPublisher events, Duties duties, IncidentRepository incidents, Systems systems,
                   OrganisationDirectory organisations) {
        this.events = events;
        this.duties = duties;
        this.incidents = incidents;
        this.systems = systems;
        this.organisations = organisations;
    }

    /**
     * A10.4 / A10.5: publishes {@link IncidentConfirmed} and returns the catalog's due time for the initial report
     * (30 minutes after {@code at} today — read from the duty raised, not set here).
     */
    Instant start(long incidentId, Long gradeChangeId, Subject subject, Instant at, String grade) {
        IncidentConfirmed confirmed = new IncidentConfirmed(incidentId, gradeChangeId, subject, at, grade);
        events.publishEvent(confirmed);
        String rule = subject.kind() == SubjectKind.PLATFORM ? "A10.4-incident-report" : "A10.5-incident-report";
        Duty duty = duties.raisedBy(confirmed.reference()).stream().filter(d -> d.ruleId().equals(rule)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the catalog raises no " + rule + " on incident.confirmed"));
        incidents.clockStarted(incidentId, at, duty.dueAt(), confirmed.reference());
        if (subject.kind() == SubjectKind.SYSTEM) {
            // issue 22 point 3: the catalog decides on the system's attributes (cii) whether the 1-hour national report is owed
            events.publishEvent(new IncidentGradedOnSystem(incidentId, gradeChangeId, subject, at, grade));
        }
        return duty.dueAt();
    }

    /** {@code incident.reported}: the catalog makes the next progress report due (24 hours today) until the incident is resolved. */
    void progressOwed(Incident incident, long reportId, Instant at) {
        IncidentReported reported = new IncidentReported(incident.id(), reportId, subject(incident), at, incident.grade());
        events.publishEvent(reported);
        incidents.progressOwed(incident.id(), reported.reference());
    }

    /** {@code incident.closed}: the final analysis report is owed. */
    void closed(Incident incident, Instant at) {
        events.publishEvent(new IncidentClosed(incident.id(), subject(incident), at, incident.grade()));
    }

    /** Lowered to IV: the initial report still owed and the next progress report are owed no more. */
    void stop(Incident incident) {
        if (incident.reportReference() != null && !incident.initialReported()) {
            duties.fulfil(incident.reportReference(), "grade lowered to IV: no 30-minute report owed");
        }
        if (incident.progressReference() != null) {
            duties.fulfil(incident.progressReference(), "grade lowered to IV");
        }
        for (Duty duty : dutiesOf(incident)) {
            if (duty.ruleId().equals(CII_REPORT_RULE) && !duty.state().closed()) {
                duties.fulfil(duty.reference(), "grade lowered to IV: no 1-hour report owed");
            }
        }
        incidents.clockStopped(incident.id());
    }

    /** Issue 22 point 3: the 1-hour report of a 较大-or-above incident on a 关基 system to its 保护工作部门 and to 公安. */
    static final String CII_REPORT_RULE = "A10.5-cii-incident-report";

    Subject subject(long orgId, String orgName, SystemRef system) {
        if (system == null) {
            return new Subject(SubjectKind.PLATFORM, orgId, orgName, orgId, Map.of());
        }
        // cii: whether the system is 关基, as the supervisor recorded it (issue 17 point 4); the catalog's conditions read it
        return new Subject(SubjectKind.SYSTEM, system.id(), system.name(), system.orgId(),
                Map.of("mlpsLevel", system.mlpsLevel(), "cii", systems.criticalInfrastructure(system.id())));
    }

    Subject subject(Incident incident) {
        if (incident.platform()) {
            String name = organisations.byId(incident.orgId()).map(OrganisationView::name).orElse("platform");
            return subject(incident.orgId(), name, null);
        }
        return subject(incident.orgId(), null, systems.find(incident.systemId()).orElseThrow());
    }

    /** The duties this incident raised (initial, progress and final reports), by due time. */
    List<Duty> dutiesOf(Incident incident) {
        SubjectKind kind = incident.platform() ? SubjectKind.PLATFORM : SubjectKind.SYSTEM;
        long subjectId = incident.platform() ? incident.orgId() : incident.systemId();
        String own = "incident:" + incident.id();
        return duties.ofSubject(kind, subjectId).stream()
                .filter(d -> d.reference() != null && (d.reference().equals(own) || d.reference().startsWith(own + ":")))
                .toList();
    }
}
