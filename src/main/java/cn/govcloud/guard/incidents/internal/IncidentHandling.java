package cn.govcloud.guard.incidents.internal;

import static cn.govcloud.guard.incidents.internal.Values.blank;
import static cn.govcloud.guard.incidents.internal.Values.strip;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Handling an incident after it was recorded (A10.4/A10.5): a later change of grade with its reason (moving the
 * 30-minute clock), resolution (which ends the progress reports and makes the final analysis due) and the provider's
 * recorded support on a unit's incident.
 */
@Service
class IncidentHandling {
    private final IncidentQueries queries;
    private final IncidentRepository incidents;
    private final IncidentClocks clocks;
    private final Duties duties;
    private final AuditLog audit;
    private final Clock clock;

    IncidentHandling(IncidentQueries queries, IncidentRepository incidents, IncidentClocks clocks, Duties duties, AuditLog audit,
                     Clock clock) {
        this.queries = queries;
        this.incidents = incidents;
        this.clocks = clocks;
        this.duties = duties;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    void resolve(long id, String note, Actor actor) {
        Incident incident = queries.responsible(id, actor);
        incident.requireResolvable();
        Instant now = clock.instant();
        incidents.resolved(id, now);
        if (incident.containedAt() == null) {
            incidents.event(id, now, "CONTAINED", null, actor.username());
        }
        incidents.event(id, now, "RESOLVED", strip(note), actor.username());
        if (incident.progressReference() != null) {
            // 持续通报 ends with the incident: the progress report owed now is replaced by the final report
            duties.fulfil(incident.progressReference(), "incident resolved");
        }
        clocks.closed(incident, now);
        audit.record(AuditEvent.success("incident.resolve", "incident:" + id, strip(note) == null ? "resolved" : strip(note)));
    }

    /**
     * A later change of grade is recorded with its reason. Raised from IV to I–III, the 30-minute clock starts at the
     * change; lowered to IV, no report is owed any more.
     */
    @Transactional
    void changeGrade(long id, String grade, String reason, Actor actor) {
        Incident incident = queries.responsible(id, actor);
        Map<String, String> errors = new LinkedHashMap<>();
        if (grade == null || !Grading.GRADES.contains(grade)) {
            errors.put("grade", "incidents.error.grade");
        } else if (grade.equals(incident.grade())) {
            errors.put("grade", "incidents.error.sameGrade");
        }
        IncidentReporting.require(reason, "reason", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput("incidents.error.invalid", errors);
        }
        Instant now = clock.instant();
        long change = incidents.gradeChanged(id, incident.grade(), grade, reason.strip(), now, actor.username());
        incidents.event(id, now, "GRADE_CHANGED", incident.grade() + " → " + grade + "：" + reason.strip(), actor.username());
        String clockNote = switch (incident.changeGrade(grade)) {
            // A10.4 / A10.5: raised to III or above, the clock starts at the change
            case STARTS -> " clock started, initial report due " + clocks.start(id, change, clocks.subject(incident), now, grade);
            case STOPS -> {
                clocks.stop(incident);
                yield " clock stopped";
            }
            case UNCHANGED -> "";
        };
        audit.record(AuditEvent.success("incident.grade", "incident:" + id, incident.grade() + " -> " + grade + clockNote));
    }

    /** A10.5: the provider records its support on a unit's incident. */
    @Transactional
    void cooperate(long id, String note, Actor actor) {
        Incident incident = queries.visible(id, actor);
        if (!queries.hasCooperationTask(incident, actor)) {
            throw new RuleViolation(incident.article(), "incidents.refused.noCooperationTask");
        }
        if (blank(note)) {
            throw new InvalidInput("incidents.error.invalid", Map.of("note", "incidents.error.required"));
        }
        incidents.event(id, clock.instant(), "COOPERATION", note.strip(), actor.username());
        audit.record(AuditEvent.success("incident.cooperate", "incident:" + id, note.strip()));
    }
}
