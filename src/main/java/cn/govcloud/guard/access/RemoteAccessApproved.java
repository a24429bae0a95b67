package cn.govcloud.guard.access;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import java.time.Instant;

/** A channel to a unit's system was approved (A9.2; a long-term one by the regulator too, A9.3); the provider's opening is owed from here. */
public record RemoteAccessApproved(long channelId, Subject subject, Instant at) implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("remote-access.approved", subject, at, "channel:" + channelId + ":open");
    }
}
