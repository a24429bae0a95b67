package cn.govcloud.guard.hazards;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.util.Map;

/** The warner returned the unit's feedback with a reason (A10.2): the catalog's rectify-after-return clock restarts. */
public record HazardReturned(long hazardId, long feedbackId, Subject system, Instant at, Hazards.Severity severity) implements DutyEvent {

    /** The reference of the duty this event raises. */
    public String reference() {
        return "hazard:" + hazardId + ":returned:" + feedbackId;
    }

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("hazard.returned", system, at, reference(), Map.of("severity", severity.name()));
    }
}
