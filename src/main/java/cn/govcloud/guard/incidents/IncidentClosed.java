package cn.govcloud.guard.incidents;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.util.Map;

/** An incident was resolved (A10.4/A10.5); the catalog's final analysis report ({@code incident.closed}) hangs on it. */
public record IncidentClosed(long incidentId, Subject subject, Instant at, String grade) implements DutyEvent {

    public String reference() {
        return "incident:" + incidentId + ":closed";
    }

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("incident.closed", subject, at, reference(), Map.of("grade", grade));
    }
}
