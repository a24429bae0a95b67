package cn.govcloud.guard.access;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** The provider asked a unit for access to a system's data (A8.1); the unit's decision is owed from here. */
public record DataAccessRequested(long grantId, Subject system, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("data-access.requested", system, at, "data-access:" + grantId + "");
    }
}
