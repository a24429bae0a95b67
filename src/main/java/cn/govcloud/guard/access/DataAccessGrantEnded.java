package cn.govcloud.guard.access;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** The unit revoked a data-access grant early (A8.1); the review of the ended grant is owed from here. */
public record DataAccessGrantEnded(long grantId, Subject system, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("data-access.grant-ended", system, at, "data-access:" + grantId + ":ended");
    }
}
