package cn.govcloud.guard.hazards;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;
import java.util.Map;

/**
 * The owning unit was notified of a hazard (A10.2): the catalog's acknowledgement and rectification clocks start at
 * {@code notifiedAt}. {@code facts}: the hazard's severity and the system's 关基 flag and data grade, for the catalog's conditions.
 */
public record HazardNotified(long hazardId, Subject system, Instant notifiedAt, Map<String, Object> facts) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("hazard.notified", system, notifiedAt, "hazard:" + hazardId, facts);
    }
}
