package cn.govcloud.guard.access;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** The visitors signed in on site under the provider's escort (A9.1): the escort's record is owed from here. */
public record VisitSignedIn(long visitId, Subject system, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("visit.signed-in", system, at, "visit:" + visitId + ":escort");
    }
}
