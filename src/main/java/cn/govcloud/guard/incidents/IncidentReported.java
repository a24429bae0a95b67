package cn.govcloud.guard.incidents;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.util.Map;

/**
 * An initial or progress report was filed on an open incident (A10.4/A10.5); the catalog's next progress report
 * ({@code incident.reported}) hangs on it until the incident is resolved.
 */
public record IncidentReported(long incidentId, long reportId, Subject subject, Instant at, String grade) implements DutyEvent {

    public String reference() {
        return "incident:" + incidentId + ":report:" + reportId;
    }

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("incident.reported", subject, at, reference(), Map.of("grade", grade));
    }
}
