package cn.govcloud.guard.hazards;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.util.Map;

/** A hazard was found and recorded (A11.3 及时通知通报): the notice that goes out with it fulfils the duty it raises. */
public record HazardFound(long hazardId, Subject system, Instant at, Hazards.Severity severity) implements DutyEvent {

    /** The reference of the duty this event raises. */
    public String reference() {
        return "hazard:" + hazardId + ":found";
    }

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("hazard.found", system, at, reference(), Map.of("severity", severity.name()));
    }
}
