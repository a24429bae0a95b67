package cn.govcloud.guard.incidents;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.util.Map;

/**
 * An incident of a hosted system was confirmed at grade I–III, or raised to such a grade by a later change
 * ({@code gradeChangeId}) — published beside {@link IncidentConfirmed} under its own reference, so the duties that hang
 * on it are closed by their own workflow and not by the initial report. The catalog's rules on {@code incident.system-graded}
 * test the system's attributes: {@code A10.5-cii-incident-report} (issue 22 point 3) owes, for a 关基 system
 * ({@code cii == true}), the 1-hour report to its protection department and to public security under
 * 《国家网络安全事件报告管理办法》 (2025).
 */
public record IncidentGradedOnSystem(long incidentId, Long gradeChangeId, Subject subject, Instant at, String grade) implements DutyEvent {

    /** {@code incident:ID:cii-report}, or {@code incident:ID:cii-report:CHANGE} when a change of grade raised it. */
    public String reference() {
        return "incident:" + incidentId + ":cii-report" + (gradeChangeId == null ? "" : ":" + gradeChangeId);
    }

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("incident.system-graded", subject, at, reference(), Map.of("grade", grade));
    }
}
