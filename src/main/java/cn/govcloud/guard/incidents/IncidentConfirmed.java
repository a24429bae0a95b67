package cn.govcloud.guard.incidents;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.util.Map;

/**
 * An incident of grade I–III was confirmed (A10.4 platform, A10.5 system), or raised to such a grade by a later
 * change ({@code gradeChangeId}); the catalog's 30-minute initial-report duty hangs on {@code incident.confirmed}.
 */
public record IncidentConfirmed(long incidentId, Long gradeChangeId, Subject subject, Instant at, String grade) implements DutyEvent {

    /** The duty's reference: {@code incident:ID}, or {@code incident:ID:grade:CHANGE} when a change of grade started the clock. */
    public String reference() {
        return "incident:" + incidentId + (gradeChangeId == null ? "" : ":grade:" + gradeChangeId);
    }

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("incident.confirmed", subject, at, reference(), Map.of("grade", grade));
    }
}
